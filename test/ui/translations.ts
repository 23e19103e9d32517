/**
 * AuthLens's own English→Chinese pairs (runtime bundle and package.nls), for UI tests that look
 * at the workbench in Simplified Chinese: `zh()` finds what to click, `englishLeft()` lists our
 * English strings still visible on a surface where a translation exists.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/codeServer';

function readJson(rel: string): Record<string, string> {
  return JSON.parse(readFileSync(join(repoRoot, rel), 'utf8')) as Record<string, string>;
}

const runtimeZh = readJson('l10n/bundle.l10n.zh-cn.json');
const nlsEn = readJson('package.nls.json');
const nlsZh = readJson('package.nls.zh-cn.json');

/** The Chinese of a runtime string (a key of `l10n/bundle.l10n.zh-cn.json`); throws when missing. */
export function zh(english: string): string {
  const value = runtimeZh[english];
  if (value === undefined) throw new Error(`no zh-cn translation of "${english}" in l10n/bundle.l10n.zh-cn.json`);
  return value;
}

/** The Chinese of a package.nls key (command titles, walkthrough texts). */
export function nls(key: string): string {
  const value = nlsZh[key];
  if (value === undefined) throw new Error(`no key "${key}" in package.nls.zh-cn.json`);
  return value;
}

const CJK = /[\u3400-\u9fff]/;

/**
 * English phrases worth looking for: the literal parts of each translated template (around its
 * `{0}` placeholders) of two words or more. Single words ("User", "Status") and phrases that
 * the Chinese keeps as they are ("OpenID Connect", "Authorization") would match data or
 * product names, not an untranslated string.
 */
function englishPhrases(): string[] {
  const pairs: [string, string][] = [...Object.entries(runtimeZh), ...Object.keys(nlsEn).map((k): [string, string] => [nlsEn[k]!, nlsZh[k] ?? ''])];
  const chinese = pairs.map(([, z]) => z).join('\n');
  const phrases = new Set<string>();
  for (const [en, z] of pairs) {
    if (!CJK.test(z)) continue; // kept in English on purpose
    for (const part of en.split(/\{\d+\}|\$\([\w-]+\)|\[|\]\([^)]*\)|\n/)) {
      const phrase = part.replace(/^[\s.,:;()"'“”…·-]+|[\s.,:;()"'“”…·-]+$/g, '');
      if (phrase.split(/\s+/).length < 2 || !/[a-z]{3}/.test(phrase)) continue;
      if (chinese.includes(phrase)) continue;
      phrases.add(phrase);
    }
  }
  return [...phrases];
}

const phrases = englishPhrases();

/** Our English phrases that appear in `text` (case-sensitive, whole words). Empty when all is Chinese. */
export function englishLeft(text: string): string[] {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return phrases.filter((p) => new RegExp(`(^|[^A-Za-z])${escape(p)}($|[^A-Za-z])`).test(text));
}

/** Whether `text` has Chinese characters. */
export function hasChinese(text: string): boolean {
  return CJK.test(text);
}
