/**
 * Sign-in with a code (RFC 8628 device authorization grant) for an `oidc` provider: the person
 * enters a short code in any browser, on any device, while AuthLens polls. No redirect comes
 * back to this machine, so it works wherever VS Code's extension host runs.
 */
import { defined } from '../shape';
import { pollDeviceToken, requestDeviceAuthorization, type PollEvent, type Sleep } from './deviceGrant';
import type { StoredTokenSet } from './tokenStore';
import { signInScopes, storeUserTokens, type UserSignInDeps } from './userSignIn';

/** What the person is shown: plain text only (the server chose every field). */
export interface DeviceCodePrompt {
  readonly userCode: string;
  readonly verificationUri: string;
  /** The page with the code filled in, when the server offers one (what "Open Browser" opens). */
  readonly verificationUriComplete?: string;
  /** When the code stops working, epoch ms. */
  readonly expiresAt: number;
}

export interface DeviceSignInOptions {
  /** Shows the code and the URL; called once, before polling starts. */
  show(prompt: DeviceCodePrompt): void;
  /** Told about every poll that did not end the wait (`authorization_pending`, `slow_down`). */
  readonly onPoll?: (event: PollEvent) => void;
  /** Overrides the configured scopes. */
  readonly scopes?: readonly string[];
  /** Waits between polls (default: a real, abortable timer). */
  readonly sleep?: Sleep;
}

/**
 * Requests a device code, shows the user code, polls until approval and stores the tokens in
 * the `user` slot, like the browser sign-in (the ID token checked, without a nonce: RFC 8628
 * has none).
 *
 * @example
 * await deviceSignIn(deps, { show: ({ userCode, verificationUri }) => console.log(userCode, verificationUri) });
 */
export async function deviceSignIn(deps: UserSignInDeps, opts: DeviceSignInOptions): Promise<StoredTokenSet> {
  const { config } = deps;
  const authorization = await requestDeviceAuthorization(
    deps.http,
    deps.discovery,
    deps.client,
    { scopes: signInScopes(config, opts.scopes), resource: config.resource, audience: config.audience },
    deps.signal,
  );
  opts.show(
    defined({
      userCode: authorization.userCode,
      verificationUri: authorization.verificationUri,
      verificationUriComplete: authorization.verificationUriComplete,
      expiresAt: deps.now() + authorization.expiresIn * 1000,
    }),
  );
  const response = await pollDeviceToken(
    deps.http,
    deps.discovery,
    deps.client,
    authorization,
    defined({ now: deps.now, sleep: opts.sleep, signal: deps.signal, resource: config.resource, onPoll: opts.onPoll }),
  );
  return storeUserTokens(deps, response, 'device_code');
}
