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

    it('leaves ordinary text alone', () => {
      const text = 'GET http://127.0.0.1:4000/api/auth/get-session -> 200 (12 ms)';
      assert.equal(redactText(text, []), text);
      assert.equal(redactText(text, ['']), text);
    });
  });
});
