/**
 * Where a remembered secret for the shown token would be: a signed cookie's under its provider
 * (`cookieSecretKey`), a JWT's under its issuer (`hsSecretKey`). The panel looks there to offer
 * "Use stored secret".
 */
import { hsSecretKey } from '../secrets/keys';
import { cookieSecretKeyOf } from './cookieShown';
import type { InspectorDeps } from './deps';
import { issuerKey, type Shown } from './shown';

/** The SecretStorage key of the secret that could check the shown token, if it can have one. */
export function storedSecretKeyOf(shown: Shown, deps: InspectorDeps): string | undefined {
  const cookie = shown.built.cookie;
  if (cookie) return cookieSecretKeyOf(cookie, shown.input, deps);
  const iss = issuerKey(shown);
  return iss !== undefined ? hsSecretKey(iss) : undefined;
}
