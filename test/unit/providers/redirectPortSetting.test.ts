import * as assert from 'node:assert/strict';
import { validateProviderEntry } from '../../../src/providers/configValidation';

describe('providers/configValidation redirectPort (fixed loopback port for the sign-in redirect)', () => {
  const entry = (redirectPort: unknown) => ({ id: 'idp', kind: 'oidc', baseUrl: 'https://id.example', clientId: 'c', redirectPort });

  it('keeps an unprivileged port', () => {
    const r = validateProviderEntry(entry(8765), 0);
    assert.deepEqual(r.problems, []);
    assert.equal(r.config?.redirectPort, 8765);
    assert.equal(validateProviderEntry(entry(1024), 0).config?.redirectPort, 1024);
    assert.equal(validateProviderEntry(entry(65535), 0).config?.redirectPort, 65535);
  });

  it('refuses privileged, out-of-range and non-numeric ports, naming the field and the range', () => {
    for (const bad of [80, 1023, 65536, 0, -1]) {
      const r = validateProviderEntry(entry(bad), 0);
      assert.deepEqual(
        r.problems.map((p) => [p.field, p.problem, p.expected]),
        [['redirectPort', 'out-of-range', '1024–65535']],
        String(bad),
      );
      assert.equal(r.config?.redirectPort, undefined);
    }
    const text = validateProviderEntry(entry('8765'), 0);
    assert.deepEqual(
      text.problems.map((p) => [p.field, p.problem]),
      [['redirectPort', 'wrong-type']],
    );
  });
});
