import { AuthLensError, isAuthLensError } from '../../core/errors';
import { describeOAuthError, type OAuthErrorBody } from '../../core/oauthErrors';

const CODE_SHAPE = /^[a-z][a-z0-9_]{1,63}$/;

/**
 * The `{error, error_description}` an HTTP failure carried, if it was an OAuth error response.
 * Reads what `HttpClient` put in the error details (`serverCode` / `serverMessage`).
 */
export function oauthErrorOf(err: unknown): OAuthErrorBody | undefined {
  if (!isAuthLensError(err)) return undefined;
  if (err.code === 'oauth-error' && err.details.serverCode !== undefined) {
    return {
      error: err.details.serverCode,
      ...(err.details.serverMessage !== undefined ? { errorDescription: err.details.serverMessage } : {}),
    };
  }
  if (err.details.status === undefined || err.details.status < 400) return undefined;
  const { serverCode, serverMessage } = err.details;
  if (serverCode !== undefined && CODE_SHAPE.test(serverCode)) {
    return { error: serverCode, ...(serverMessage !== undefined ? { errorDescription: serverMessage } : {}) };
  }
  // `{error}` without a description arrives as the server message alone.
  if (serverMessage !== undefined && CODE_SHAPE.test(serverMessage) && (serverMessage.includes('_') || describeOAuthError(serverMessage))) {
    return { error: serverMessage };
  }
  return undefined;
}

/**
 * Turns an HTTP failure with an OAuth error body into an `oauth-error` (code in `serverCode`,
 * description in `serverMessage`, status kept); anything else is returned unchanged.
 */
export function toOAuthError(err: unknown, where: string): unknown {
  const body = oauthErrorOf(err);
  if (!body || !isAuthLensError(err) || err.code === 'oauth-error') return err;
  const status = err.details.status;
  return new AuthLensError(
    'oauth-error',
    {
      ...err.details,
      serverCode: body.error,
      where,
      ...(body.errorDescription !== undefined ? { serverMessage: body.errorDescription } : {}),
    },
    `oauth-error: ${where} answered ${status ?? ''} ${body.error}${body.errorDescription ? `: ${body.errorDescription}` : ''}`,
  );
}

/** Runs `call`, converting OAuth error responses with {@link toOAuthError}. */
export async function withOAuthErrors<T>(where: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toOAuthError(err, where);
  }
}

/**
 * The body of a 400 `unsupported_token_type` (RFC 7009 §2.2.1, also sent by introspection
 * endpoints for JWT access tokens), or undefined for any other failure.
 */
export function unsupportedTokenTypeOf(err: unknown): OAuthErrorBody | undefined {
  const body = oauthErrorOf(err);
  return body && isAuthLensError(err) && err.details.status === 400 && body.error === 'unsupported_token_type' ? body : undefined;
}
