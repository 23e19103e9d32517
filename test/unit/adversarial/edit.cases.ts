/**
 * Adversarial cases for the Edit tab's text readers: the edited JSON (parse, where the syntax
 * breaks, the message), putting a token back together (unsigned, original signature) from parts
 * holding 1 MB values, the `sign` message validator, and the date input's reader. Run in a
 * worker by edit.test.ts; signing itself (jose) is driven there with 1 MB parts.
 */
import { decodeJwt } from '../../../src/core/decode';
import { lineAndColumn, MAX_EDITED_JSON, parseEditedJson } from '../../../src/core/editedJson';
import { editedJsonMessage } from '../../../src/core/editedJsonText';
import { unsignedJwt, withOriginalSignature } from '../../../src/core/jwtCompose';
import { parseSignFields } from '../../../src/shared/signProtocol';
import { fromLocalInput, toLocalInput } from '../../../webview/timeInput';
import type { AdversarialSuite } from './harness';
import { mb, PATTERNS, repeatTo, tokenOf } from './patterns';

/** Just under the edited JSON limit, so the reader parses it instead of refusing the size. */
const underLimit = (unit: string): string => repeatTo(unit, MAX_EDITED_JSON - 1);

function readBoth(s: string): unknown {
  const header = parseEditedJson(s, 'header');
  const payload = parseEditedJson(`{"v": ${JSON.stringify(s)}, "w": ${s.slice(0, 1000)}`, 'payload');
  return [header, payload, header.ok ? '' : editedJsonMessage('header', header.problem), payload.ok ? '' : editedJsonMessage('payload', payload.problem)];
}

export const suite: AdversarialSuite = {
  patterns: PATTERNS,
  functions: {
    'parseEditedJson and its message (text under the limit, and 1 MB refused by size)': {
      input: underLimit,
      run: (s) => [readBoth(s), parseEditedJson(`${s}${s}${s}${s}`, 'payload')],
    },
    'lineAndColumn (1 MB, at the end and in the middle)': { input: mb, run: (s) => [lineAndColumn(s, s.length), lineAndColumn(s, s.length >> 1)] },
    // Claims reach these only through parseEditedJson, so a claim is at most the edited JSON limit.
    'unsignedJwt and withOriginalSignature (claim values at the edited JSON limit)': {
      input: underLimit,
      run: (s) => {
        const original = decodeJwt(tokenOf(s.slice(0, 1000)));
        const payload = { sub: s, nested: { v: s.slice(0, 1000) } };
        return [
          unsignedJwt({ alg: 'HS256', x: s.slice(0, 2000) }, payload).length,
          original.ok ? withOriginalSignature(original.token, original.token.header, payload).length : 0,
        ];
      },
    },
    'parseSignFields (1 MB fields)': {
      input: mb,
      run: (s) => [
        parseSignFields({ header: s, payload: s, key: { kind: 'secret', secret: s, remember: true } }),
        parseSignFields({ header: s.slice(0, 1000), payload: '{}', key: { kind: 'privateKey', text: s.slice(0, 60_000), remember: false } }),
      ],
    },
    'fromLocalInput and toLocalInput (1 MB)': { input: mb, run: (s) => [fromLocalInput(s), fromLocalInput(`2026-01-01T00:00${s}`), toLocalInput(s.length)] },
  },
};
