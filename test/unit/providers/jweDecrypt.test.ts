/**
 * JWE decryption (src/providers/jweDecrypt.ts) against tokens jose encrypts here with keys the
 * test makes: every key management family jose supports round-trips, in PEM and JWK forms; a
 * wrong key and a changed tag each get their own code; keys that do not fit are named.
 */
import * as assert from 'node:assert/strict';
import { createPrivateKey, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CompactEncrypt, exportJWK, exportPKCS8, generateKeyPair, importJWK, type CryptoKey } from 'jose';
import type { DecryptFailureCode } from '../../../src/providers/decryptResult';
import { decryptJwe, type DecryptJweResult, type JweKeyInput } from '../../../src/providers/jweDecrypt';
import { jweTemplates } from '../../../src/providers/jweMessages';

const PLAINTEXT = '{"sub":"alice","note":"secret stuff"}';

async function encrypt(header: Record<string, unknown>, key: CryptoKey | Uint8Array, plaintext = PLAINTEXT): Promise<string> {
  // An RSA CryptoKey is bound to one OAEP hash: import the public key again for this alg.
  if (!(key instanceof Uint8Array) && key.algorithm.name === 'RSA-OAEP') key = await importJWK(await exportJWK(key), String(header['alg']));
  return new CompactEncrypt(new TextEncoder().encode(plaintext)).setProtectedHeader(header as { alg: string; enc: string }).encrypt(key);
}

/** The JWE with the first character of part `index` changed (the first character uses all its bits). */
function tamper(jwe: string, index: number): string {
  const parts = jwe.split('.');
  const part = parts[index]!;
  parts[index] = (part[0] === 'A' ? 'B' : 'A') + part.slice(1);
  return parts.join('.');
}

function plaintextOf(r: DecryptJweResult): string {
  assert.ok(r.ok, r.ok ? '' : `${r.failure.code}: ${r.failure.message}`);
  return new TextDecoder().decode(r.plaintext);
}

function codeOf(r: DecryptJweResult): DecryptFailureCode | 'ok' {
  return r.ok ? 'ok' : r.failure.code;
}

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

const secret = (text: string): JweKeyInput => ({ kind: 'secret', text });
const privateKey = (text: string): JweKeyInput => ({ kind: 'privateKey', text });

describe('providers/jweDecrypt', () => {
  describe('shared keys: dir, AES key wrap, AES-GCM key wrap', () => {
    const cases: { alg: string; enc: string; bytes: number; wrongCode: DecryptFailureCode; tamperCode: DecryptFailureCode }[] = [
      { alg: 'dir', enc: 'A128GCM', bytes: 16, wrongCode: 'wrong-key-or-tampered', tamperCode: 'wrong-key-or-tampered' },
      { alg: 'dir', enc: 'A256GCM', bytes: 32, wrongCode: 'wrong-key-or-tampered', tamperCode: 'wrong-key-or-tampered' },
      { alg: 'dir', enc: 'A128CBC-HS256', bytes: 32, wrongCode: 'wrong-key-or-tampered', tamperCode: 'wrong-key-or-tampered' },
      { alg: 'dir', enc: 'A256CBC-HS512', bytes: 64, wrongCode: 'wrong-key-or-tampered', tamperCode: 'wrong-key-or-tampered' },
      { alg: 'A128KW', enc: 'A128GCM', bytes: 16, wrongCode: 'wrong-key', tamperCode: 'tampered' },
      { alg: 'A192KW', enc: 'A192GCM', bytes: 24, wrongCode: 'wrong-key', tamperCode: 'tampered' },
      { alg: 'A256KW', enc: 'A256CBC-HS512', bytes: 32, wrongCode: 'wrong-key', tamperCode: 'tampered' },
      { alg: 'A128GCMKW', enc: 'A128CBC-HS256', bytes: 16, wrongCode: 'wrong-key', tamperCode: 'tampered' },
      { alg: 'A256GCMKW', enc: 'A256GCM', bytes: 32, wrongCode: 'wrong-key', tamperCode: 'tampered' },
    ];
    for (const c of cases) {
      it(`${c.alg} + ${c.enc}: hex, base64url and JWK keys decrypt; a wrong key is ${c.wrongCode}, a changed tag ${c.tamperCode}`, async () => {
        const key = randomBytes(c.bytes);
        const jwe = await encrypt({ alg: c.alg, enc: c.enc }, key);
        const hex = await decryptJwe(jwe, secret(key.toString('hex')));
        assert.equal(plaintextOf(hex), PLAINTEXT);
        assert.ok(hex.ok && hex.keyDescription.includes(`${c.bytes}-byte`) && hex.keyDescription.includes('hex'));
        assert.equal(plaintextOf(await decryptJwe(jwe, secret(key.toString('base64url')))), PLAINTEXT);
        assert.equal(plaintextOf(await decryptJwe(jwe, secret(JSON.stringify({ kty: 'oct', k: key.toString('base64url') })))), PLAINTEXT);
        assert.equal(codeOf(await decryptJwe(jwe, secret(randomBytes(c.bytes).toString('hex')))), c.wrongCode);
        assert.equal(codeOf(await decryptJwe(tamper(jwe, 4), secret(key.toString('hex')))), c.tamperCode);
      });
    }

    it('a key given as text is read as its UTF-8 bytes', async () => {
      const text = 'a-32-character-text-key-for-dir!';
      const jwe = await encrypt({ alg: 'dir', enc: 'A256GCM' }, new TextEncoder().encode(text));
      const r = await decryptJwe(jwe, secret(text));
      assert.equal(plaintextOf(r), PLAINTEXT);
      assert.ok(r.ok && r.keyDescription.includes('UTF-8 text'));
    });

    it('names a key of the wrong length precisely: "A256GCM needs 32 bytes, this key has 16"', async () => {
      const jwe = await encrypt({ alg: 'dir', enc: 'A256GCM' }, randomBytes(32));
      const r = await decryptJwe(jwe, secret(randomBytes(16).toString('base64url')));
      assert.equal(codeOf(r), 'key-length');
      assert.match(r.ok ? '' : r.failure.message, /^A256GCM needs 32 bytes, this key has 16\./);
      // 16 bytes as hex are 32 characters: read as text they fit, and the failure says how it was read.
      const hex = await decryptJwe(jwe, secret(randomBytes(16).toString('hex')));
      assert.equal(codeOf(hex), 'wrong-key-or-tampered');
      assert.match(hex.ok ? '' : hex.failure.message, /read as UTF-8 text \(32 bytes\); read as hex it has 16 bytes/);
      const kw = await decryptJwe(
        await encrypt({ alg: 'A128KW', enc: 'A256GCM' }, randomBytes(16)),
        secret(JSON.stringify({ kty: 'oct', k: randomBytes(32).toString('base64url') })),
      );
      assert.match(kw.ok ? '' : kw.failure.message, /^A128KW needs 16 bytes, this key has 32\./);
    });

    it('a tampered ciphertext or IV is reported as tampered when the content key unwraps', async () => {
      const key = randomBytes(16);
      const jwe = await encrypt({ alg: 'A128KW', enc: 'A128GCM' }, key);
      assert.equal(codeOf(await decryptJwe(tamper(jwe, 3), secret(key.toString('hex')))), 'tampered');
      assert.equal(codeOf(await decryptJwe(tamper(jwe, 2), secret(key.toString('hex')))), 'tampered');
      // A changed encrypted key is a failed unwrap: the same as another key.
      assert.equal(codeOf(await decryptJwe(tamper(jwe, 1), secret(key.toString('hex')))), 'wrong-key');
    });
  });

  describe('PBES2 passwords', () => {
    for (const alg of ['PBES2-HS256+A128KW', 'PBES2-HS512+A256KW']) {
      it(`${alg}: the password decrypts, another is wrong-key, a changed tag tampered`, async () => {
        const password = 'correct horse battery staple';
        const jwe = await encrypt({ alg, enc: 'A256GCM' }, new TextEncoder().encode(password));
        assert.equal(plaintextOf(await decryptJwe(jwe, secret(password))), PLAINTEXT);
        const wrong = await decryptJwe(jwe, secret('Tr0ub4dor&3'));
        assert.equal(codeOf(wrong), 'wrong-key');
        assert.match(wrong.ok ? '' : wrong.failure.message, /password/);
        assert.equal(codeOf(await decryptJwe(tamper(jwe, 4), secret(password))), 'tampered');
      });
    }

    it('refuses a p2c above the bound before deriving anything, saying why', async () => {
      const jwe = await new CompactEncrypt(new TextEncoder().encode('x'))
        .setProtectedHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM' })
        .setKeyManagementParameters({ p2c: 5000 })
        .encrypt(new TextEncoder().encode('pw'));
      const r = await decryptJwe(jwe, secret('pw'), { maxPbes2Count: 4000 });
      assert.equal(codeOf(r), 'p2c-too-large');
      assert.match(r.ok ? '' : r.failure.message, /5000, above 4000: refused to protect the editor/);
    });
  });

  describe('private keys: RSA-OAEP and ECDH-ES', () => {
    const rsa: { right?: KeyPair; wrong?: KeyPair } = {};
    before(async function () {
      // RSA key generation competes for 2 shared cores.
      this.timeout(30_000);
      rsa.right = await generateKeyPair('RSA-OAEP-256', { extractable: true });
      rsa.wrong = await generateKeyPair('RSA-OAEP-256', { extractable: true });
    });

    for (const alg of ['RSA-OAEP', 'RSA-OAEP-256', 'RSA-OAEP-384', 'RSA-OAEP-512']) {
      it(`${alg}: PKCS#8 PEM and JWK decrypt; another RSA key is wrong-key; a changed tag is tampered`, async () => {
        const jwe = await encrypt({ alg, enc: 'A256GCM' }, rsa.right!.publicKey);
        const pem = await exportPKCS8(rsa.right!.privateKey);
        const jwk = { ...(await exportJWK(rsa.right!.privateKey)), kid: 'enc-1' };
        const r = await decryptJwe(jwe, privateKey(pem));
        assert.equal(plaintextOf(r), PLAINTEXT);
        assert.ok(r.ok && r.keyDescription.includes('2048 bits'));
        assert.equal(plaintextOf(await decryptJwe(jwe, privateKey(JSON.stringify(jwk)))), PLAINTEXT);
        assert.equal(codeOf(await decryptJwe(jwe, privateKey(await exportPKCS8(rsa.wrong!.privateKey)))), 'wrong-key');
        assert.equal(codeOf(await decryptJwe(tamper(jwe, 4), privateKey(pem))), 'tampered');
      });
    }

    it('a JWK set: the key with the header kid decrypts', async function () {
      this.timeout(10_000);
      const jwe = await encrypt({ alg: 'RSA-OAEP-256', enc: 'A128GCM', kid: 'right' }, rsa.right!.publicKey);
      const set = {
        keys: [
          { ...(await exportJWK(rsa.wrong!.privateKey)), kid: 'other' },
          { ...(await exportJWK(rsa.right!.privateKey)), kid: 'right' },
        ],
      };
      const r = await decryptJwe(jwe, privateKey(JSON.stringify(set)));
      assert.equal(plaintextOf(r), PLAINTEXT);
      assert.ok(r.ok && r.keyDescription.includes('kid "right"'));
    });

    it('PKCS#1 (BEGIN RSA PRIVATE KEY) and SEC1 (BEGIN EC PRIVATE KEY) PEMs are read too', async () => {
      const rsaJwe = await encrypt({ alg: 'RSA-OAEP-256', enc: 'A128GCM' }, rsa.right!.publicKey);
      const pkcs1 = createPrivateKey(await exportPKCS8(rsa.right!.privateKey))
        .export({ type: 'pkcs1', format: 'pem' })
        .toString();
      assert.match(pkcs1, /BEGIN RSA PRIVATE KEY/);
      assert.equal(plaintextOf(await decryptJwe(rsaJwe, privateKey(pkcs1))), PLAINTEXT);
      const ec = await generateKeyPair('ECDH-ES+A128KW', { crv: 'P-256', extractable: true });
      const sec1 = createPrivateKey(await exportPKCS8(ec.privateKey))
        .export({ type: 'sec1', format: 'pem' })
        .toString();
      assert.match(sec1, /BEGIN EC PRIVATE KEY/);
      assert.equal(plaintextOf(await decryptJwe(await encrypt({ alg: 'ECDH-ES+A128KW', enc: 'A128GCM' }, ec.publicKey), privateKey(sec1))), PLAINTEXT);
    });

    const curves: { crv: 'P-256' | 'P-384' | 'X25519' }[] = [{ crv: 'P-256' }, { crv: 'P-384' }, { crv: 'X25519' }];
    for (const { crv } of curves) {
      for (const alg of ['ECDH-ES', 'ECDH-ES+A128KW', 'ECDH-ES+A256KW']) {
        const direct = alg === 'ECDH-ES';
        it(`${alg} on ${crv}: PEM and JWK decrypt; another key is ${direct ? 'wrong-key-or-tampered' : 'wrong-key'}`, async () => {
          const right = await generateKeyPair(alg, { crv, extractable: true });
          const wrong = await generateKeyPair(alg, { crv, extractable: true });
          const jwe = await encrypt({ alg, enc: 'A256GCM' }, right.publicKey);
          const pem = await exportPKCS8(right.privateKey);
          assert.equal(plaintextOf(await decryptJwe(jwe, privateKey(pem))), PLAINTEXT);
          assert.equal(plaintextOf(await decryptJwe(jwe, privateKey(JSON.stringify(await exportJWK(right.privateKey))))), PLAINTEXT);
          assert.equal(codeOf(await decryptJwe(jwe, privateKey(await exportPKCS8(wrong.privateKey)))), direct ? 'wrong-key-or-tampered' : 'wrong-key');
          assert.equal(codeOf(await decryptJwe(tamper(jwe, 4), privateKey(pem))), direct ? 'wrong-key-or-tampered' : 'tampered');
        });
      }
    }

    it('a key of another type or curve is named, not tried', async () => {
      const p256 = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
      const p384 = await generateKeyPair('ECDH-ES', { crv: 'P-384', extractable: true });
      const ecJwe = await encrypt({ alg: 'ECDH-ES', enc: 'A128GCM' }, p384.publicKey);
      const curve = await decryptJwe(ecJwe, privateKey(await exportPKCS8(p256.privateKey)));
      assert.equal(codeOf(curve), 'key-type-mismatch');
      assert.match(curve.ok ? '' : curve.failure.message, /encrypted for a P-384 key .* this key is P-256/);
      const rsaJwe = await encrypt({ alg: 'RSA-OAEP-256', enc: 'A128GCM' }, rsa.right!.publicKey);
      const ecForRsa = await decryptJwe(rsaJwe, privateKey(await exportPKCS8(p256.privateKey)));
      assert.equal(codeOf(ecForRsa), 'key-type-mismatch');
      assert.match(ecForRsa.ok ? '' : ecForRsa.failure.message, /RSA-OAEP-256 needs an RSA private key; this key is EC P-256/);
      assert.equal(codeOf(await decryptJwe(rsaJwe, secret('some shared secret'))), 'key-type-mismatch');
      assert.equal(
        codeOf(await decryptJwe(await encrypt({ alg: 'A128KW', enc: 'A128GCM' }, randomBytes(16)), privateKey(await exportPKCS8(p256.privateKey)))),
        'key-type-mismatch',
      );
    });

    it('a public key or unreadable text is a bad key, said without echoing it', async () => {
      const rsaJwe = await encrypt({ alg: 'RSA-OAEP', enc: 'A128GCM' }, rsa.right!.publicKey);
      const pub = await decryptJwe(rsaJwe, privateKey(JSON.stringify(await exportJWK(rsa.right!.publicKey))));
      assert.equal(codeOf(pub), 'bad-key');
      assert.match(pub.ok ? '' : pub.failure.message, /public key/);
      const junk = await decryptJwe(rsaJwe, privateKey('not-a-key-s3cr3t'));
      assert.equal(codeOf(junk), 'bad-key');
      assert.doesNotMatch(junk.ok ? '' : junk.failure.message, /s3cr3t/);
    });
  });

  describe('headers', () => {
    it('an unsupported alg or enc is named with the supported list', async () => {
      const header = (h: object) => Buffer.from(JSON.stringify(h)).toString('base64url');
      const rsa15 = await decryptJwe(`${header({ alg: 'RSA1_5', enc: 'A128GCM' })}.AAAA.AAAA.AAAA.AAAA`, privateKey('x'));
      assert.equal(codeOf(rsa15), 'alg-unsupported');
      assert.match(rsa15.ok ? '' : rsa15.failure.message, /"RSA1_5" is not supported\. AuthLens decrypts: dir, A128KW/);
      const enc = await decryptJwe(`${header({ alg: 'dir', enc: 'A128CTR' })}..AAAA.AAAA.AAAA`, secret('x'));
      assert.equal(codeOf(enc), 'enc-unsupported');
      assert.match(enc.ok ? '' : enc.failure.message, /"A128CTR".*A128CBC-HS256/);
      const zip = await decryptJwe(`${header({ alg: 'dir', enc: 'A128GCM', zip: 'GZIP' })}..AAAA.AAAA.AAAA`, secret('x'));
      assert.equal(codeOf(zip), 'header-unsupported');
    });

    it('a zip: DEF JWE decompresses (jose, bounded)', async () => {
      const key = randomBytes(32);
      const jwe = await new CompactEncrypt(new TextEncoder().encode(PLAINTEXT.repeat(10)))
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' })
        .encrypt(key);
      assert.equal(plaintextOf(await decryptJwe(jwe, secret(key.toString('hex')))), PLAINTEXT.repeat(10));
    });

    it('not five parts, or a header that is not JSON, is malformed', async () => {
      assert.equal(codeOf(await decryptJwe('a.b.c', secret('x'))), 'malformed-jwe');
      assert.equal(codeOf(await decryptJwe('!!!.a.b.c.d', secret('x'))), 'malformed-jwe');
    });
  });

  it('every sentence is in the English and Chinese runtime bundles', () => {
    const en = JSON.parse(readFileSync('l10n/bundle.l10n.json', 'utf8')) as Record<string, string>;
    const zh = JSON.parse(readFileSync('l10n/bundle.l10n.zh-cn.json', 'utf8')) as Record<string, string>;
    assert.deepEqual(
      jweTemplates().filter((s) => !(s in en) || !(s in zh)),
      [],
    );
  });
});
