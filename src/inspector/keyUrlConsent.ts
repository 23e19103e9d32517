import * as vscode from 'vscode';
import type { AuthLensError } from '../core/errors';
import { plainText } from '../core/hostileText';

/**
 * Asks before Verify fetches keys from a discovery document's `jwks_uri` on another origin than
 * the discovery URL the person clicked: the document is server data and could send the request
 * anywhere (an internal host, a tracker). Modal, so nothing is fetched before an answer.
 */
export async function confirmForeignKeyUrl(jwksUri: string, discoveryUrl: string): Promise<boolean> {
  const fetchKeys = vscode.l10n.t('Fetch keys');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Fetch keys from {0}?', plainText(new URL(jwksUri).origin, 200)),
    {
      modal: true,
      detail: vscode.l10n.t(
        'The discovery document at {0} names its keys at {1}, on another origin. AuthLens fetches it without credentials only if you agree.',
        plainText(new URL(discoveryUrl).origin, 200),
        plainText(jwksUri, 300),
      ),
    },
    fetchKeys,
  );
  return choice === fetchKeys;
}

/** The Verify result's message when the person declined (or was not asked about) a foreign `jwks_uri`. */
export function declinedKeyUrlMessage(err: AuthLensError, discoveryUrl: string): string | undefined {
  // Other cancellations (the panel closed mid-request) name no URL of another origin.
  const where = err.details.where;
  if (err.code !== 'cancelled' || where === undefined || !URL.canParse(where) || new URL(where).origin === new URL(discoveryUrl).origin) return undefined;
  return vscode.l10n.t('Not fetched: the discovery document names keys on another origin ({0}), and you did not agree to fetch them.', plainText(where, 300));
}
