/**
 * The words for a problem in the Edit tab's JSON (`editedJson.ts`): the webview shows them as
 * the person types, the host when it refuses a `sign` request. Each template is a key of both
 * runtime l10n bundles (a unit test checks).
 */
import type { EditedJsonProblem, EditedPart } from './editedJson';
import { english, fillTemplate, type Translate } from './template';

/** Every template below, for the bundle check. */
export const editedJsonTemplates = [
  'Header: {0}',
  'Payload: {0}',
  'not valid JSON (line {0}, column {1}).',
  'not valid JSON.',
  'must be a JSON object ({ … }).',
  'needs "alg" as a non-empty string.',
  'nested deeper than {0} levels.',
  'larger than {0} KB.',
] as const;

/**
 * One sentence for `problem` in `part`.
 *
 * @example
 * editedJsonMessage('payload', { code: 'syntax', line: 3, column: 1 }) // 'Payload: not valid JSON (line 3, column 1).'
 */
export function editedJsonMessage(part: EditedPart, problem: EditedJsonProblem, t: Translate = english): string {
  let what: string;
  switch (problem.code) {
    case 'syntax':
      what =
        problem.line !== undefined && problem.column !== undefined
          ? fillTemplate(t('not valid JSON (line {0}, column {1}).'), problem.line, problem.column)
          : t('not valid JSON.');
      break;
    case 'not-object':
      what = t('must be a JSON object ({ … }).');
      break;
    case 'missing-alg':
      what = t('needs "alg" as a non-empty string.');
      break;
    case 'too-deep':
      what = fillTemplate(t('nested deeper than {0} levels.'), problem.limit);
      break;
    case 'too-large':
      what = fillTemplate(t('larger than {0} KB.'), problem.limit);
      break;
  }
  return fillTemplate(part === 'header' ? t('Header: {0}') : t('Payload: {0}'), what);
}
