/**
 * The Edit tab's refusals in words: why a key cannot sign the edited token (from
 * `providers/signJwt.ts`'s codes). Key text and secrets never appear; the key's type and the
 * algorithms it can sign do, so the person knows what to change.
 */
import * as vscode from 'vscode';
import type { PrivateKeyProblem } from '../providers/oidc/clientPrivateKey';
import type { SignProblem } from '../providers/signJwt';

function keyProblem(problem: PrivateKeyProblem): string {
  const words: Record<PrivateKeyProblem, () => string> = {
    empty: () => vscode.l10n.t('Paste the private key to sign with.'),
    pkcs1: () => vscode.l10n.t('This is a PKCS#1 RSA key ("BEGIN RSA PRIVATE KEY"). Convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem'),
    sec1: () => vscode.l10n.t('This is a SEC1 EC key ("BEGIN EC PRIVATE KEY"). Convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in key.pem'),
    encrypted: () => vscode.l10n.t('This key is encrypted. Decrypt it first: openssl pkcs8 -in key.pem -out plain.pem'),
    'public-key': () => vscode.l10n.t('This is a public key or a certificate: signing needs the private key.'),
    'not-pem-or-jwk': () => vscode.l10n.t('Paste a PKCS#8 PEM ("BEGIN PRIVATE KEY") or a private JWK (JSON with "d").'),
    unreadable: () => vscode.l10n.t('The key does not parse as a private key.'),
    'jwk-public': () => vscode.l10n.t('This JWK has no private part ("d"): it is a public key.'),
    'unsupported-type': () => vscode.l10n.t('AuthLens signs with RSA, EC (P-256, P-384, P-521) and Ed25519 keys only.'),
  };
  return words[problem]();
}

/** One sentence for a signing problem. */
export function signProblemMessage(problem: SignProblem): string {
  switch (problem.code) {
    case 'unsupported-alg':
      return vscode.l10n.t(
        'AuthLens cannot sign with alg "{0}". Use HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512 or EdDSA.',
        problem.alg.slice(0, 40),
      );
    case 'alg-none':
      return vscode.l10n.t('The header says alg "none": choose "Unsigned (alg: none)" to make an unsigned token, or set another alg to sign.');
    case 'secret-empty':
      return vscode.l10n.t('Enter the secret to sign with.');
    case 'needs-private-key':
      return vscode.l10n.t('{0} signs with a private key, not a shared secret. Paste a private key, or set alg to HS256 to sign with a secret.', problem.alg);
    case 'needs-secret':
      return vscode.l10n.t('{0} signs with a shared secret, not a private key. Enter the secret, or set alg to one this key signs.', problem.alg);
    case 'key-unreadable':
      return keyProblem(problem.problem);
    case 'alg-key-mismatch':
      return problem.keyAlgs.length > 0
        ? vscode.l10n.t(
            'The header says {0}, but this is an {1} key, which signs {2}. Change alg or use another key.',
            problem.alg,
            problem.keyType,
            problem.keyAlgs.join(', '),
          )
        : vscode.l10n.t('The header says {0}, but this is an {1} key, which AuthLens cannot sign with.', problem.alg, problem.keyType);
    case 'jwk-alg-mismatch':
      return vscode.l10n.t('The header says {0}, but the JWK is for {1} (its "alg"). Change one of them.', problem.alg, problem.jwkAlg.slice(0, 40));
    case 'rsa-too-short':
      return vscode.l10n.t('This RSA key has {0} bits; jose signs with RSA keys of 2048 bits or more.', problem.bits);
    case 'sign-failed':
      return vscode.l10n.t('jose could not sign the token ({0}).', problem.reason.slice(0, 60));
  }
}
