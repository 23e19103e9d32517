/**
 * Adversarial inputs for JWE decryption: the synchronous readers finish 1 MB of each worst
 * pattern within budget (jwe.cases.ts, in a worker); decryption itself answers a JWE with 1 MB
 * parts, HTML in its header and invalid UTF-8 plaintext with a precise failure or a bounded view.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { CompactEncrypt } from 'jose';
import { describePlaintext, MAX_PLAINTEXT_SHOWN } from '../../../src/core/jwePlaintext';
import { decryptJwe } from '../../../src/providers/jweDecrypt';
import { suite } from './jwe.cases';
import { itRunsEverySuiteCase } from './harness';
import { MB, NOW } from './patterns';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('adversarial inputs: JWE (plaintext view, key reader, decrypt message)', function () {
  this.timeout(600_000);
  itRunsEverySuiteCase(join(__dirname, 'jwe.cases.ts'), suite);
});

describe('adversarial inputs: decrypting hostile JWEs', function () {
  this.timeout(30_000);
  const key = randomBytes(32);
  const header = b64({ alg: 'dir', enc: 'A256GCM' });
  const big = 'A'.repeat(MB);

  it('1 MB in each part gets a precise answer, not a hang or a crash', async () => {
    const secret = { kind: 'secret', text: key.toString('hex') } as const;
    const started = Date.now();
    const answers = await Promise.all([
      decryptJwe(`${big}..AAAA.AAAA.AAAA`, secret),
      decryptJwe(`${header}.${big}.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`, secret),
      decryptJwe(`${header}..${big}.AAAA.AAAAAAAAAAAAAAAAAAAAAA`, secret),
      decryptJwe(`${header}..AAAAAAAAAAAAAAAA.${big}.AAAAAAAAAAAAAAAAAAAAAA`, secret),
      decryptJwe(`${header}..AAAAAAAAAAAAAAAA.AAAA.${big}`, secret),
      decryptJwe(`${b64({ alg: 'RSA-OAEP-256', enc: 'A256GCM' })}.${big}.AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`, { kind: 'privateKey', text: big }),
      decryptJwe('.'.repeat(MB), secret),
    ]);
    assert.deepEqual(
      answers.map((a) => (a.ok ? 'ok' : a.failure.code)),
      ['malformed-jwe', 'malformed-jwe', 'malformed-jwe', 'wrong-key-or-tampered', 'malformed-jwe', 'bad-key', 'malformed-jwe'],
    );
    assert.ok(Date.now() - started < 20_000);
    // No message quotes megabytes back.
    assert.ok(answers.every((a) => a.ok || a.failure.message.length < 1000));
  });

  it('HTML in the header is quoted as plain text, cut short', async () => {
    const html = `<img src=x onerror="alert(1)">${'<b>'.repeat(1000)}`;
    const r = await decryptJwe(`${b64({ alg: html, enc: 'A128GCM' })}..AAAA.AAAA.AAAA`, { kind: 'secret', text: 'k' });
    assert.equal(r.ok ? 'ok' : r.failure.code, 'alg-unsupported');
    assert.ok(!r.ok && r.failure.message.includes('<img src=x onerror="alert(1)">') && r.failure.message.length < 600);
  });

  it('invalid UTF-8 and 1 MB plaintexts decrypt to a bounded view with notes', async () => {
    const invalid = Uint8Array.of(0x7b, 0xff, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0x7d);
    const bigText = new TextEncoder().encode('<script>x</script>'.repeat(MB / 16));
    for (const plaintext of [invalid, bigText]) {
      const jwe = await new CompactEncrypt(plaintext).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'JWT' }).encrypt(key);
      const r = await decryptJwe(jwe, { kind: 'secret', text: key.toString('base64url') });
      assert.ok(r.ok, r.ok ? '' : r.failure.message);
      const view = describePlaintext(r.plaintext, r.header, NOW);
      assert.ok(view.text.length <= MAX_PLAINTEXT_SHOWN);
      assert.equal(view.nested, undefined);
      if (plaintext === invalid) {
        assert.equal(view.invalidUtf8, true);
        assert.ok(view.text.includes('\uFFFD'));
      } else {
        assert.equal(view.truncated, true);
        assert.ok(view.text.startsWith('<script>x</script>'));
      }
    }
  });
});
