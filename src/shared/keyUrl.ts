/**
 * Which URLs AuthLens may fetch keys from (JWKS, OpenID discovery): `https:`, or plain `http:`
 * to this machine (local development servers, the sandbox). Never URLs with credentials.
 * Pure; shared by the inspector's model (to show what is allowed) and the providers bundle
 * (which enforces it).
 *
 * @example
 * isFetchableKeyUrl('https://issuer.example/jwks') // true
 * isFetchableKeyUrl('http://evil.example/jwks')    // false
 */
export function isFetchableKeyUrl(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.username || u.password) return false;
  if (u.protocol === 'https:') return true;
  if (u.protocol !== 'http:') return false;
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}
