/**
 * Adversarial cases for src/core: the finder, the decoders, redaction, error messages, and the
 * parsers of server text (OAuth errors, user agents). Run in a worker by core.test.ts.
 */
import { decodeJwt, decodeProtectedHeader, stripTokenWrapping, MAX_TOKEN_LENGTH } from '../../../src/core/decode';
import { describeField } from '../../../src/core/claims';
import { AuthLensError } from '../../../src/core/errors';
import { recogniseIssuer } from '../../../src/core/identityProviders';
import { checkIssuer } from '../../../src/core/issuerCheck';
import { errorMessage } from '../../../src/core/errorMessages';
import * as hostileText from '../../../src/core/hostileText';
import { describeOAuthError, parseOAuthError, parseWwwAuthenticateError } from '../../../src/core/oauthErrors';
import { redact, redactText } from '../../../src/core/redact';
import { findTokens, tokenAtOffset } from '../../../src/core/tokenFinder';
import { summariseUserAgent } from '../../../src/core/userAgent';
import type { AdversarialSuite } from './harness';
import { mb, PATTERNS, repeatTo, tokenOf } from './patterns';

/** Just under the decoder's limit, so the decoder reads it all instead of refusing the size. */
const underLimit = (unit: string): string => repeatTo(unit, MAX_TOKEN_LENGTH - 1);

export const suite: AdversarialSuite = {
  patterns: PATTERNS,
  functions: {
    'tokenAtOffset (1 MB line)': {
      input: mb,
      run: (s) => [tokenAtOffset(s, s.length >> 1), tokenAtOffset(s, s.length >> 1, { window: MAX_TOKEN_LENGTH }), tokenAtOffset(s, 0)],
    },
    'findTokens (1 MB line)': { input: mb, run: (s) => findTokens(s) },
    'findTokens (1 MB, lines of the pattern)': { input: (u) => mb(`${repeatTo(u, 200)}\n`), run: (s) => findTokens(s) },
    'decodeJwt (text under the size limit)': { input: underLimit, run: (s) => [decodeJwt(s), decodeJwt(`${s.slice(0, 1000)}.${s.slice(1000)}.x`)] },
    'decodeJwt (token of the pattern)': { input: tokenOf, run: (s) => decodeJwt(s) },
    'decodeProtectedHeader (text and token)': { input: underLimit, run: (s) => [decodeProtectedHeader(s), decodeProtectedHeader(`${s.slice(0, 1000)}....`)] },
    'stripTokenWrapping (1 MB)': {
      input: mb,
      run: (s) => [stripTokenWrapping(s), stripTokenWrapping(`Authorization: Bearer "${s}"`), stripTokenWrapping(`{"access_token":"${s}"}`)],
    },
    'redact (1 MB)': { input: mb, run: (s) => redact(s) },
    'redactText (1 MB, shown part)': { input: mb, run: (s) => redactText(s, ['a-secret-value-123', 'another-secret-456']) },
    'redactText (1 MB, all of it)': { input: mb, run: (s) => redactText(s, ['a-secret-value-123', 'another-secret-456'], undefined, Number.POSITIVE_INFINITY) },
    'errorMessage (server texts of 1 MB)': {
      input: mb,
      run: (s) => [
        errorMessage(
          new AuthLensError('http-server', {
            status: 500,
            serverMessage: s,
            serverCode: s,
            requestId: s,
            traceId: s,
            fieldErrors: [{ field: s, description: s }],
          }),
        ),
        errorMessage(new AuthLensError('oauth-error', { serverCode: s, where: s })),
        errorMessage(new AuthLensError('net-timeout', { where: s })),
      ],
    },
    'hostile text: hasInvisibles, showInvisibles, stripInvisibles (1 MB)': {
      input: mb,
      run: (s) => [hostileText.hasInvisibles(s), hostileText.showInvisibles(s), hostileText.stripInvisibles(s)],
    },
    'hostile text: showInvisiblesAsJson, truncate (1 MB)': {
      input: mb,
      run: (s) => [hostileText.showInvisiblesAsJson(s), hostileText.truncate(s, s.length >> 1)],
    },
    'hostile text: plainText, escapeMarkdown (1 MB)': { input: mb, run: (s) => [hostileText.plainText(s, s.length), hostileText.escapeMarkdown(s)] },
    'hostile text: codeSpan, codeFence (1 MB)': { input: mb, run: (s) => [hostileText.codeSpan(s), hostileText.codeFence(s)] },
    'OAuth error parsing (1 MB)': {
      input: mb,
      run: (s) => [
        parseOAuthError({ error: s, error_description: s, error_uri: s }),
        parseOAuthError({ error: s.slice(0, 200), error_description: s }),
        parseWwwAuthenticateError(s),
        parseWwwAuthenticateError(`Bearer error="${s}", error_description="${s}"`),
        describeOAuthError(s),
      ],
    },
    'summariseUserAgent (1 MB)': { input: mb, run: (s) => [summariseUserAgent(s), summariseUserAgent(`Mozilla/5.0 (${s}) Chrome/${s}`)] },
    'identity providers: issuer shapes, claim rules, issuer quirks (1 MB, and just under the limits)': {
      input: mb,
      run: (s) => {
        const near = s.slice(0, 2000);
        return [
          recogniseIssuer(s),
          recogniseIssuer(`https://${near}`),
          recogniseIssuer(`https://x.example/realms/${near}`),
          recogniseIssuer(`https://login.microsoftonline.com/${near}/v2.0`),
          describeField(s, 'jwt-payload', 'entra'),
          describeField(`resource_access["${s.slice(0, 990)}"].roles`, 'jwt-payload', 'keycloak'),
          describeField(`https://${s.slice(0, 990)}`, 'jwt-payload', 'auth0'),
          checkIssuer({
            claims: { iss: s, tid: s, token_use: s, aud: [s], azp: s, hd: s },
            expectedIssuer: s,
            expectedTokenUse: 'id',
            clientId: s,
            hostedDomain: s,
          }),
          checkIssuer({ claims: { iss: `https://${near}`, tid: near }, expectedIssuer: `https://${near}/` }),
          checkIssuer({
            claims: { iss: `https://login.microsoftonline.com/${near}/v2.0`, tid: near },
            expectedIssuer: 'https://login.microsoftonline.com/{tenantid}/v2.0',
          }),
        ];
      },
    },
  },
};
