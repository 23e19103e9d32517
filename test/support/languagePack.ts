/**
 * Puts code-server's workbench into Simplified Chinese. `--locale zh-cn` alone leaves it in
 * English: the server switches language only when `<user-data-dir>/languagepacks.json` names a
 * language pack for the locale, and that file is written when a pack is installed from a
 * gallery, which cannot happen offline. So the harness installs a stub pack
 * (`test/fixtures/zhLanguagePack`, translating nothing of VS Code itself) and writes that file
 * itself. AuthLens's `package.nls.zh-cn.json` and `l10n/bundle.l10n.zh-cn.json` then apply.
 * See /work/shared/REAL-VSCODE.md, "The workbench in Simplified Chinese".
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The locales the harness can start the workbench in (besides English). */
export type UiLocale = 'zh-cn';

const packDirs: Record<UiLocale, string> = {
  // From __filename, as in codeServer.ts (under tsx's `tsImport` __dirname is elsewhere).
  'zh-cn': resolve(dirname(__filename), '..', 'fixtures', 'zhLanguagePack'),
};

interface PackManifest {
  readonly publisher: string;
  readonly name: string;
  readonly version: string;
  readonly contributes: {
    readonly localizations: readonly { languageId: string; localizedLanguageName: string; translations: readonly { id: string; path: string }[] }[];
  };
}

/**
 * Installs the stub language pack for `locale` into `extensionsDir` and registers it in
 * `<userDataDir>/languagepacks.json`. Returns the code-server arguments that select it.
 */
export function installLanguagePack(locale: UiLocale, extensionsDir: string, userDataDir: string): string[] {
  const source = packDirs[locale];
  const pack = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as PackManifest;
  const id = `${pack.publisher}.${pack.name}`;
  const installed = join(extensionsDir, `${id}-${pack.version}`);
  cpSync(source, installed, { recursive: true });
  const localization = pack.contributes.localizations.find((l) => l.languageId === locale);
  if (!localization) throw new Error(`${source}/package.json contributes no localization for ${locale}`);
  const translations = Object.fromEntries(localization.translations.map((t) => [t.id, join(installed, t.path)]));
  const entry = {
    // The server keys its translation cache by this hash; any stable hex does.
    hash: '0123456789abcdef0123456789abcdef',
    extensions: [{ extensionIdentifier: { id, uuid: '' }, version: pack.version }],
    translations,
    label: localization.localizedLanguageName,
  };
  writeFileSync(join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: entry }, null, 2));
  return ['--locale', locale];
}
