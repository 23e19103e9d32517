import * as vscode from 'vscode';
import { plainText } from '../../core/hostileText';
import { inferTokenUse, rejectionChecks } from '../../core/rejectionChecks';
import type { SignatureFacts, TokenUse } from '../../core/rejectionTypes';
import type { ConfiguredProvider } from '../../plumbing/config';
import { translate } from '../../plumbing/l10n';
import { loadProviders } from '../../plumbing/lazy';
import type { DiagnoseTokenUse } from '../../shared/diagnoseProtocol';
import type { RequestOf } from '../../shared/inspectorProtocol';
import type { InspectorDeps } from '../deps';
import { providerForIssuer } from '../diagnoseProvider';
import { confirmForeignKeyUrl } from '../keyUrlConsent';
import { issuerKey } from '../shown';
import { hsSecretKey } from '../../secrets/keys';
import { keyFetchTlsOptOut } from '../keySource';
import type { PanelAccess, RequestHandler } from './context';

/**
 * The configured provider of the shown token: the one it came from (an edited copy keeps it),
 * else the one whose issuer or base URL is its `iss`.
 */
export function tokenProvider(panel: PanelAccess, deps: InspectorDeps): ConfiguredProvider | undefined {
  const shown = panel.current();
  const src = shown?.input.source;
  const from = src ? deps.sessions.provider(src.providerId) : undefined;
  return from ?? providerForIssuer(shown?.built.decoded?.payload['iss'], deps.settings().providers);
}

function tokenUseOf(asked: DiagnoseTokenUse, panel: PanelAccess): TokenUse {
  if (asked !== 'auto') return asked;
  const shown = panel.current();
  return inferTokenUse(shown?.input.source?.tokenKind, shown?.built.decoded?.header);
}

/**
 * The signature of an HMAC token, checked with a secret the person already keeps for its issuer
 * (remembered from Verify, or the running sandbox's HS256 key); undefined when there is none.
 */
async function hmacSignature(panel: PanelAccess, deps: InspectorDeps): Promise<SignatureFacts | undefined> {
  const shown = panel.current();
  const alg = shown?.built.decoded?.header['alg'];
  const iss = issuerKey(shown);
  if (!shown?.built.decoded || typeof alg !== 'string' || !/^HS\d+$/.test(alg) || iss === undefined) return undefined;
  const sandbox = deps.sessions.sandboxSecrets().find((s) => s.use === 'jwt-hmac' && s.origin.replace(/\/+$/, '') === iss.replace(/\/+$/, ''));
  const secret = (await deps.secrets.get(hsSecretKey(iss))) ?? sandbox?.secret;
  if (secret === undefined) return undefined;
  const outcome = await loadProviders().verifyJwt(shown.built.decoded.raw, { kind: 'secret', secret });
  return outcome.valid
    ? { valid: true, message: outcome.keyDescription ?? alg }
    : { valid: false, message: outcome.failure?.message ?? vscode.l10n.t('The signature does not verify.') };
}

/**
 * `diagnose`: "Why would a server reject it?". Reads the provider's discovery document and keys
 * (no credentials; a `jwks_uri` on another origin only after the person agreed, as Verify asks),
 * checks the signature with them, and lists every check the core makes of the token.
 */
export const diagnoseRequest: RequestHandler<RequestOf<'diagnose'>> = async ({ skewSeconds, tokenUse }, { deps, panel }) => {
  const decoded = panel.current()?.built.decoded;
  if (!decoded) return { kind: 'failed', message: vscode.l10n.t('No decodable token is shown.') };
  const provider = tokenProvider(panel, deps);
  const use = tokenUseOf(tokenUse, panel);
  const mod = provider ? loadProviders() : undefined;
  const facts =
    provider && mod
      ? await mod.gatherRejectionFacts(decoded.raw, provider, {
          now: Date.now(),
          http: deps.settings().http,
          timeoutMs: 10_000,
          log: (line) => deps.log.debug(line),
          tlsOptOut: keyFetchTlsOptOut(provider),
          translate,
          confirmKeyUrl: (jwksUri) => confirmForeignKeyUrl(jwksUri, provider.issuer ?? provider.baseUrl),
        })
      : undefined;
  const hmac = await hmacSignature(panel, deps);
  const now = Date.now();
  const checks = rejectionChecks(
    {
      header: decoded.header,
      payload: decoded.payload,
      now,
      skewMs: skewSeconds * 1000,
      tokenUse: use,
      ...(facts ? { provider: facts, ...facts } : {}),
      ...(hmac ? { signature: hmac } : {}),
    },
    translate,
  );
  const failed = checks.filter((c) => c.verdict === 'fail').map((c) => c.id);
  deps.log.info(`Inspector: rejection checks run (${failed.length > 0 ? `failing: ${failed.join(', ')}` : 'none failing'})`);
  const origin = provider && mod ? mod.probeOrigin(provider) : undefined;
  return {
    kind: 'diagnosed',
    result: {
      checks,
      tokenUse: use,
      ...(provider ? { providerLabel: plainText(provider.label, 80) } : {}),
      ...(origin !== undefined ? { probeOrigin: plainText(origin, 200) } : {}),
    },
  };
};
