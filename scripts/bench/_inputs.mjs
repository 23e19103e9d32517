// The inspector benches' inputs (helper, not a benchmark): a typical 1 KB token, an Authing
// session with its user object, and a 150 KB hostile token with 2,000 keys. Unsigned: the
// model build and the webview only decode. (The in-host test, test/vscode/openSpeed.test.ts,
// signs its own with jose, as tests do.)
const b64url = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const nowS = Math.floor(Date.now() / 1000);
const jwt = (payload, header = { alg: 'RS256', typ: 'JWT', kid: 'bench' }) => `${b64url(header)}.${b64url(payload)}.${b64url('sig')}`;

export const typical = jwt({
  iss: 'https://issuer.example',
  sub: 'user-1',
  aud: ['api'],
  iat: nowS,
  exp: nowS + 600,
  scope: 'openid profile email',
  email: 'a@example.com',
  address: { country: 'CN' },
  amr: ['pwd', 'mfa'],
});
const user = { id: 'u1', email: 'a@b.c', password: 'f'.repeat(32), salt: 's'.repeat(30), loginsCount: 3, metadata: { a: 1 }, identities: [{ provider: 'x' }] };
const session = {
  id: 's1',
  user: { name: 'A' },
  status: 'active',
  tokens: [{ kind: 'jwt', label: 'User token', value: typical, opaque: false }],
  expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  raw: { session: { _id: 's1', cookie: { expires: new Date().toISOString() } }, user },
};
/** `source` of the Authing case (the typical token, shown with its session and user). */
export const authingSource = { providerId: 'a', providerLabel: 'A', providerKind: 'authing', session };
export const hostile = jwt({
  sub: 'x',
  exp: nowS + 60,
  big: 'A'.repeat(150_000),
  wide: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])),
});

/** `buildInspectorModel`, bundled (minified, as the production build) into `outfile` and loaded. */
export async function loadModelBuilder(root, outfile) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    stdin: { contents: "export { buildInspectorModel } from './src/inspector/viewModel';", resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  const { createRequire } = await import('node:module');
  return createRequire(import.meta.url)(outfile).buildInspectorModel;
}
