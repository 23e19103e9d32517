/**
 * `npm run sandbox`: starts the sandbox, prints its URLs and curl commands with the
 * credentials, and runs until Ctrl+C. `--port N` (or `AUTHLENS_SANDBOX_PORT`) picks the port.
 * The credentials are fake and only valid against this process.
 */
import { startSandbox } from './index';

function portFromArgs(argv: readonly string[]): number | undefined {
  const i = argv.indexOf('--port');
  const raw = i >= 0 ? argv[i + 1] : process.env['AUTHLENS_SANDBOX_PORT'];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 0 && n < 65536 ? n : undefined;
}

async function main(): Promise<void> {
  const started = performance.now();
  const sandbox = await startSandbox({ port: portFromArgs(process.argv.slice(2)) });
  const ms = Math.round(performance.now() - started);
  const c = sandbox.credentials;
  const ba = c['sandbox-better-auth'] ?? {};
  const au = c['sandbox-authing'] ?? {};
  const am = c['sandbox-authms'] ?? {};
  const oi = c['sandbox-oidc'] ?? {};
  const configs = sandbox.providerConfigs();
  const authing = configs.find((p) => p.id === 'sandbox-authing');
  const authms = configs.find((p) => p.id === 'sandbox-authms');
  const oidc = configs.find((p) => p.id === 'sandbox-oidc');
  const { betterAuth, authing: authingUrl, authms: authmsUrl, oidc: oidcUrl } = sandbox.baseUrls;
  const lines = [
    `AuthLens sandbox listening on ${sandbox.url} (started in ${ms} ms; Ctrl+C to stop)`,
    '',
    `  Better Auth  ${betterAuth}`,
    `  Authing      ${authingUrl}`,
    `  AuthMS       ${authmsUrl}`,
    `  OIDC issuer  ${oidcUrl}`,
    '',
    '# Better Auth: session of a user, then the admin listing',
    `curl -s '${betterAuth}/get-session' -H 'Cookie: better-auth.session_token=${ba.cookie}'`,
    `curl -s '${betterAuth}/list-sessions' -H 'Cookie: better-auth.session_token=${ba.cookie}'`,
    `curl -s '${betterAuth}/admin/list-users' -H 'Cookie: better-auth.session_token=${ba.admin}'`,
    `curl -s '${betterAuth}/jwks'`,
    '',
    '# Authing: SSO session (userInfo.token is an RS256 JWT; password/salt are fake leaks)',
    `curl -s '${authingUrl}/cas/session' -H 'Cookie: authing_session=${au.cookie}'`,
    `# revoke: curl -s -X POST '${authingUrl}/oidc/token/revocation' -d client_id=${authing?.clientId ?? ''} -d token=<userInfo.token>`,
    '',
    '# AuthMS: paged sessions (250 for this user), as the user and as the tenant admin',
    `curl -s '${authmsUrl}/sessions?auth_user_id=${authms?.authUserId ?? ''}&page=1&page_size=20' -H 'Authorization: Bearer ${am.bearer}'`,
    `curl -s '${authmsUrl}/sessions?auth_user_id=usr_linus03' -H 'Authorization: Bearer ${am.admin}'`,
    '',
    '# OIDC: discovery and a client-credentials JWT access token',
    `curl -s '${oidcUrl}/.well-known/openid-configuration'`,
    `curl -s '${oidcUrl}/token' -u '${oidc?.clientId ?? ''}:${oi.clientSecret}' -d grant_type=client_credentials -d resource=urn:authlens:sandbox-api`,
    '',
    '# Misbehaviour (tests): 429 on AuthMS for the next 2 requests, then reset',
    `curl -s -X POST '${sandbox.url}/__sandbox/misbehave' -H 'Content-Type: application/json' -d '{"path":"/authms","kind":"status","status":429,"retryAfter":5,"times":2}'`,
    `curl -s -X POST '${sandbox.url}/__sandbox/reset' -H 'Content-Type: application/json'`,
    '',
  ];
  const stop = (): void => {
    void sandbox.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`sandbox failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
