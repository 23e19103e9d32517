import * as vscode from 'vscode';
import { loadProviders } from '../../plumbing/lazy';
import type { VerifyExpectation } from '../../providers/verify';
import type { VerifyOutcome } from '../../providers/verifyResult';
import type { RequestOf, VerifyKeyRequest } from '../../shared/inspectorProtocol';
import type { InspectorDeps } from '../deps';
import { confirmForeignKeyUrl, declinedKeyUrlMessage } from '../keyUrlConsent';
import { translate } from '../../plumbing/l10n';
import { keyFetchTlsOptOut } from '../keySource';
import { issuerKey, keyProviderOf } from '../shown';
import { hsSecretKey } from '../../secrets/keys';
import type { PanelAccess, RequestHandler } from './context';

/** `verify`: checks the shown token's signature with the key the person chose (jose, lazily loaded). */
export const verifyRequest: RequestHandler<RequestOf<'verify'>> = async ({ key }, { deps, panel }) => ({
  kind: 'verified',
  outcome: await verify(key, deps, panel),
});

async function verify(key: VerifyKeyRequest, deps: InspectorDeps, panel: PanelAccess): Promise<VerifyOutcome> {
  const decoded = panel.current()?.built.decoded;
  if (!decoded) return { valid: false, failure: { code: 'malformed-token', message: vscode.l10n.t('No decodable token is shown.') } };
  const mod = loadProviders();
  const header = decoded.header;
  const base = {
    ...(typeof header['alg'] === 'string' ? { alg: header['alg'] } : {}),
    ...(typeof header['kid'] === 'string' ? { kid: header['kid'] } : {}),
  };
  // Beside the signature, Verify says whether `iss` is the issuer the keys or the settings name.
  const configured = configuredIssuer(panel, deps);
  const expect = (issuer: string | undefined = configured): VerifyExpectation => ({
    ...(issuer !== undefined ? { issuer } : {}),
    ...tokenUseOf(panel),
    t: translate,
  });
  const logOutcome = (outcome: VerifyOutcome): VerifyOutcome => {
    deps.log.info(`Inspector: signature ${outcome.valid ? 'valid' : `invalid (${outcome.failure?.code ?? '?'})`} alg=${outcome.alg ?? '?'}`);
    return outcome;
  };
  switch (key.kind) {
    case 'secret': {
      const outcome = await mod.verifyJwt(decoded.raw, { kind: 'secret', secret: key.secret }, expect());
      const iss = issuerKey(panel.current());
      if (key.remember && outcome.valid && iss) {
        await deps.secrets.store(hsSecretKey(iss), key.secret);
        deps.log.info('Inspector: stored a verification secret for an issuer in SecretStorage');
      }
      return logOutcome(outcome);
    }
    case 'storedSecret': {
      const iss = issuerKey(panel.current());
      const secret = iss ? await deps.secrets.get(hsSecretKey(iss)) : undefined;
      if (!secret) return { valid: false, ...base, failure: { code: 'no-secret', message: vscode.l10n.t('No secret is stored for this issuer.') } };
      return logOutcome(await mod.verifyJwt(decoded.raw, { kind: 'secret', secret }, expect()));
    }
    case 'publicKey':
      return logOutcome(await mod.verifyJwt(decoded.raw, { kind: 'publicKey', text: key.text }, expect()));
    case 'jwks': {
      const content = panel.current()?.built.content;
      const candidates = content?.kind === 'token' ? content.model.verify.jwksCandidates : [];
      const candidate = candidates.find((c) => c.url === key.url);
      if (!candidate || !candidate.allowed || !mod.isFetchableKeyUrl(key.url)) {
        return {
          valid: false,
          ...base,
          failure: { code: 'url-not-allowed', message: vscode.l10n.t('AuthLens only fetches keys from the listed https or loopback URLs.') },
        };
      }
      // The key fetch follows the TLS opt-out of the token's provider, like its other fetches.
      const provider = keyProviderOf(panel.current(), deps);
      deps.log.info(`Inspector: fetching keys from ${key.url}`);
      return logOutcome(
        await mod.verifyWithKeyUrl(decoded.raw, key.url, {
          http: deps.settings().http,
          timeoutMs: 10_000,
          log: (line) => deps.log.debug(line),
          confirmKeyUrl: (jwksUri) => confirmForeignKeyUrl(jwksUri, key.url),
          ...(provider ? { tlsOptOut: keyFetchTlsOptOut(provider) } : {}),
          translate,
          describeFetchFailure: (err) => declinedKeyUrlMessage(err, key.url),
          expect: (discoveredIssuer) => expect(discoveredIssuer ?? configured),
        }),
      );
    }
  }
}

/** The issuer setting of the provider the shown token came from, if it has one. */
function configuredIssuer(panel: PanelAccess, deps: InspectorDeps): string | undefined {
  const id = panel.current()?.input.source?.providerId;
  const issuer = id !== undefined ? deps.sessions.provider(id)?.issuer : undefined;
  if (issuer === undefined || issuer === '') return undefined;
  // Settings keep the issuer without a trailing slash (configValidation normalises it), so a
  // slash-only difference (Auth0's `https://tenant.auth0.com/`) is not the person's doing.
  const iss = issuerKey(panel.current());
  return iss !== undefined && iss.replace(/\/+$/, '') === issuer ? iss : issuer;
}

/** The kind of token the source says it is, for Cognito's `token_use`. */
function tokenUseOf(panel: PanelAccess): Pick<VerifyExpectation, 'tokenUse'> {
  const kind = panel.current()?.input.source?.tokenKind;
  return kind === 'id-token' ? { tokenUse: 'id' } : kind === 'access-token' ? { tokenUse: 'access' } : {};
}
