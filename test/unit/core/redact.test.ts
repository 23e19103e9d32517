import * as assert from 'node:assert/strict';
import { redact, redactText } from '../../../src/core/redact';
import { JWT_IO_DEFAULT } from '../../fixtures/tokens';

describe('core/redact', () => {
  it('keeps the first 6 characters and the length', () => {
    assert.equal(redact(JWT_IO_DEFAULT), `eyJhbG… (${JWT_IO_DEFAULT.length} chars)`);
    assert.equal(redact('s%3A594D7KjGtUeudyZ6P06caxODTMBoYXE9'), 's%3A59… (36 chars)');
  });

  it('masks short secrets completely', () => {
    assert.equal(redact('hunter2'), '••• (7 chars)');
    assert.equal(redact(''), '••• (0 chars)');
    assert.equal(redact('12345678901'), '••• (11 chars)');
    assert.equal(redact('123456789012'), '123456… (12 chars)');
  });

  it('never contains the whole secret, whatever its length', () => {
    for (let n = 1; n <= 64; n++) {
      const secret = Array.from({ length: n }, (_, i) => String.fromCharCode(65 + ((i * 7) % 26))).join('');
      const out = redact(secret);
      assert.ok(!out.includes(secret), `${n}: ${out}`);
      assert.ok(out.includes(`(${n} chars)`));
    }
  });

  it('does not split a surrogate pair', () => {
    assert.equal(redact('abcde😀fghijklmnop'), 'abcde… (18 chars)');
  });

  it('takes localised templates', () => {
    const zh = (s: string) => ({ '{0}… ({1} chars)': '{0}…（{1} 个字符）', '••• ({0} chars)': '•••（{0} 个字符）' })[s] ?? s;
    assert.equal(redact('hunter2', zh), '•••（7 个字符）');
    assert.equal(redact(JWT_IO_DEFAULT, zh), `eyJhbG…（${JWT_IO_DEFAULT.length} 个字符）`);
  });

  describe('redactText', () => {
    it('masks the given secrets, JWTs and Bearer credentials', () => {
      const cookie = 's%3A594D7KjGtUeudyZ6P06caxODTMBoYXE9.z0nB110i75UvpgJxkYZGPACrXByT6WcTeaIdqZhJkaI';
      const text = [
        `Cookie: authing_session=${cookie}; lang=zh`,
        `token ${JWT_IO_DEFAULT} in a log`,
        'Authorization: Bearer opaque-access-token-123456',
        'short pw=hunter2!',
      ].join('\n');
      const out = redactText(text, [cookie, 'hunter2']);
      for (const secret of [cookie, JWT_IO_DEFAULT, 'opaque-access-token-123456', 'hunter2', JWT_IO_DEFAULT.split('.')[1]!]) {
        assert.ok(!out.includes(secret), secret);
      }
      assert.match(out, /authing_session=s%3A59… \(\d+ chars\); lang=zh/);
      assert.match(out, /token eyJhbG… \(\d+ chars\) in a log/);
      assert.match(out, /Bearer opaque… \(26 chars\)/);
      assert.match(out, /pw=••• \(7 chars\)!/);
    });

    it('masks a secret that contains another whole, and regex characters safely', () => {
      const out = redactText('a=abc.def+ghi(jkl)mnop b=abc.def', ['abc.def', 'abc.def+ghi(jkl)mnop']);
      assert.equal(out, 'a=abc.de… (20 chars) b=••• (7 chars)');
    });

    it('masks mangled (standard base64) JWTs too', () => {
      const mangled = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.ab+cd/ef==';
      assert.ok(!redactText(`x ${mangled} y`, []).includes('eyJzdWIiOiIxIn0'));
    });

    it('masks the credential after a doubled "Bearer Bearer" and after whitespace runs', () => {
      assert.equal(redactText('Authorization: Bearer Bearer opaque-credential-12345', []), 'Authorization: Bearer ••• (6 chars) opaque… (23 chars)');
      assert.equal(redactText(`Bearer\t\t  ${'x'.repeat(30)}`, []), `Bearer\t\t  xxxxxx… (30 chars)`);
    });

    it('is linear on hostile bodies: whitespace runs, Bearer before them, eyJ without dots', function () {
      // Before: 120 000 spaces took 12 s (a lookbehind rescanning the run at every position).
      this.timeout(20_000);
      const mb = 1024 * 1024;
      const inputs: Record<string, string> = {
        '120 000 spaces': ' '.repeat(120_000),
        'Bearer + 120 000 spaces': `Bearer${' '.repeat(120_000)}x`,
        '5 MB of spaces': ' '.repeat(5 * mb),
        '1 MB of eyJ': 'eyJ'.repeat(mb / 3),
        '1 MB of Bearer': 'Bearer '.repeat(mb / 7),
      };
      for (const [name, text] of Object.entries(inputs)) {
        for (const max of [undefined, Number.POSITIVE_INFINITY]) {
          const t0 = performance.now();
          const out = redactText(text, ['some-secret-value'], undefined, max);
          const ms = performance.now() - t0;
          assert.ok(ms < 2000, `${name} (max ${max}): ${ms.toFixed(0)} ms`);
          assert.ok(out.length > 0);
        }
      }
    });

    it('shows only the first maxLength characters, masking a secret that straddles the cut whole', () => {
      const secret = 'straddling-secret-0123456789';
      const text = `${'a'.repeat(90)}${secret}${'b'.repeat(1000)}`;
      const out = redactText(text, [secret], undefined, 100);
      assert.equal(out, `${'a'.repeat(90)}stradd… (${secret.length} chars)…`);
      assert.ok(!out.includes('secret-0123'));
      // Nothing past the cut, and a short text is returned whole.
      assert.ok(!out.includes('b'));
      assert.equal(redactText('short', [], undefined, 100), 'short');
      assert.equal(redactText(`${'c'.repeat(5000)}`, []).length, 4096 + 1);
    });

    it('masks JWTs whose header starts with whitespace or a newline after the brace', () => {
      const [, payload, sig] = JWT_IO_DEFAULT.split('.') as [string, string, string];
      const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64url');
      for (const header of ['\r\n\t{"alg":"HS256"}', ' {"alg":"HS256"}', '\n\n{ "alg":"HS256"}', '{\n  "alg": "HS256"\n}', '{"1":"x","alg":"HS256"}']) {
        const token = `${b64(header)}.${payload}.${sig}`;
        const out = redactText(`log: token ${token} end`, []);
        assert.ok(!out.includes(payload), `${JSON.stringify(header)}: ${out}`);
        assert.match(out, /^log: token .{6}… \(\d+ chars\) end$/);
      }
      // Words and host names that merely start like one stay.
      const plain = 'CSS.files ICON.png Cisco.example.com DQ.x keyword.value eyes.example.org';
      assert.equal(redactText(plain, []), plain);
    });

    it('leaves ordinary text alone', () => {
      const text = 'GET http://127.0.0.1:4000/api/auth/get-session -> 200 (12 ms)';
      assert.equal(redactText(text, []), text);
      assert.equal(redactText(text, ['']), text);
    });
  });
});
