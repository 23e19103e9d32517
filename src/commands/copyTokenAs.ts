import * as vscode from 'vscode';
import { availableFormats, formatCopy, isHeaderSafe, type CopyFormat } from '../core/copyFormats';
import { providerKindTable } from '../providers/kinds';
import { plainText } from '../core/hostileText';
import type { Services } from '../services';
import { copyRequestFor } from '../sessions/copyRequest';
import { pickToken } from '../sessions/explorerArgs';
import { withOidcProvider } from './oidcShared';

export function copyFormatLabel(format: CopyFormat): string {
  switch (format) {
    case 'raw':
      return vscode.l10n.t('Raw token');
    case 'bearerHeader':
      return vscode.l10n.t('Authorization: Bearer header');
    case 'cookieHeader':
      return vscode.l10n.t('Cookie: header');
    case 'curl':
      return vscode.l10n.t('curl command');
    case 'fetch':
      return vscode.l10n.t('fetch() snippet');
    case 'httpie':
      return vscode.l10n.t('HTTPie command');
    case 'restClient':
      return vscode.l10n.t('REST Client request (.http)');
  }
}

function isFormat(v: unknown, allowed: readonly CopyFormat[]): v is CopyFormat {
  return typeof v === 'string' && (allowed as readonly string[]).includes(v);
}

/**
 * AuthLens: Copy Token As… Puts exactly the chosen text on the clipboard and says what it
 * copied in the status bar (never the token itself). A second argument picks the format
 * without the quick pick.
 */
export function copyTokenAsCommand(services: Services) {
  return async (arg?: unknown, formatArg?: unknown): Promise<string | undefined> => {
    const picked = await pickToken(services.explorer, arg);
    if (!picked) return undefined;
    // OIDC issuers put userinfo anywhere: the request goes to the discovered endpoint (cached).
    const doc = providerKindTable[picked.provider.kind].openIdClient
      ? await withOidcProvider(
          services,
          picked.provider,
          vscode.l10n.t('Reading the discovery document of {0}', plainText(picked.provider.label, 60)),
          (text) => vscode.l10n.t('Reading the discovery document of {0} failed: {1}', plainText(picked.provider.label, 60), text),
          (provider, ctx) => provider.discovery(ctx.signal ? { signal: ctx.signal } : {}),
        )
      : undefined;
    const req = copyRequestFor(picked.provider, picked.token, { userinfoEndpoint: doc?.userinfoEndpoint });
    const formats = availableFormats(req);
    const format = isFormat(formatArg, formats)
      ? formatArg
      : (
          await vscode.window.showQuickPick(
            formats.map((f) => ({ label: copyFormatLabel(f), description: f === 'raw' ? '' : plainText(req.url, 80), format: f })),
            { placeHolder: vscode.l10n.t('Copy {0} as…', plainText(picked.token.label, 60)) },
          )
        )?.format;
    if (!format) return undefined;
    if (format !== 'raw' && !isHeaderSafe(req.token, format === 'cookieHeader' ? { scheme: 'cookie', name: req.cookieName ?? '' } : req.auth)) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('This token contains characters that cannot go into an HTTP header (spaces, line breaks or non-ASCII). Copy it raw instead.'),
      );
      return undefined;
    }
    const text = formatCopy(format, req);
    await vscode.env.clipboard.writeText(text);
    services.log.info(`Copied ${picked.token.kind} of ${picked.provider.id} as ${format}`);
    void vscode.window.setStatusBarMessage(
      vscode.l10n.t('$(clippy) Copied {0} of {1} as {2}', plainText(picked.token.label, 60), plainText(picked.provider.label, 60), copyFormatLabel(format)),
      5000,
    );
    return format;
  };
}
