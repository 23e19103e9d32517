/**
 * "AuthLens: Inspect Token": opens the token inspector. The argument is built by the extension
 * (tree, hover, other commands): an {@link InspectInput} or a token string; without one the token
 * comes from the selection, the cursor, the clipboard or an input box (`gatherToken`).
 */
import * as vscode from 'vscode';
import type { InspectInput, OpenOptions } from '../shared/inspectInput';
import type { Services } from '../services';
import { gatherToken } from '../editor/tokenInput';

function isInspectInput(arg: unknown): arg is InspectInput {
  if (typeof arg !== 'object' || arg === null) return false;
  const a = arg as { token?: unknown; source?: unknown };
  if (typeof a.token !== 'string' || a.token.length === 0) return false;
  if (a.source === undefined) return true;
  if (typeof a.source !== 'object' || a.source === null) return false;
  const s = a.source as { providerId?: unknown; providerLabel?: unknown };
  return typeof s.providerId === 'string' && typeof s.providerLabel === 'string';
}

function openOptions(arg: unknown): OpenOptions {
  return typeof arg === 'object' && arg !== null && (arg as { toSide?: unknown }).toSide === true ? { toSide: true } : {};
}

/** Opens the inspector for `arg` (or a gathered token). Shared by Inspect Token and Decode Token. */
export async function inspectFrom(services: Services, arg: unknown, options?: unknown): Promise<void> {
  try {
    let input: InspectInput | undefined;
    if (isInspectInput(arg)) input = arg;
    else {
      const gathered = await gatherToken(arg, { log: services.log });
      input = gathered ? { token: gathered.token, ...(gathered.stripped?.length ? { stripped: gathered.stripped } : {}) } : undefined;
    }
    if (!input) {
      services.log.info('Inspect cancelled: no token given');
      return;
    }
    await services.inspector.open(input, openOptions(options));
  } catch (err) {
    // Never echo the input: an unexpected error's message could contain it.
    services.log.error(`Inspect failed: ${err instanceof Error ? err.name : 'unknown error'}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('AuthLens could not open the token inspector.'));
  }
}

/** `authlens.inspectToken` (args: token or InspectInput, then `{ toSide: true }` to open beside). */
export function inspectTokenCommand(services: Services) {
  return (arg?: unknown, options?: unknown): Promise<void> => inspectFrom(services, arg, options);
}
