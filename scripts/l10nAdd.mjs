#!/usr/bin/env node
// Adds one string to the English and Chinese bundles, under a lock so parallel edits don't clash.
//   node scripts/l10nAdd.mjs runtime "English {0}" "中文 {0}"
//   node scripts/l10nAdd.mjs nls command.foo "English title" "中文标题"
import { readFileSync, writeFileSync, openSync, closeSync, unlinkSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const [kind, ...rest] = process.argv.slice(2);
const files =
  kind === 'runtime'
    ? { en: 'l10n/bundle.l10n.json', zh: 'l10n/bundle.l10n.zh-cn.json' }
    : kind === 'nls'
      ? { en: 'package.nls.json', zh: 'package.nls.zh-cn.json' }
      : undefined;
if (!files) {
  console.error('usage: l10nAdd.mjs runtime "English" "中文" | nls key "English" "中文"');
  process.exit(2);
}
const [key, en, zh] = kind === 'runtime' ? [rest[0], rest[0], rest[1]] : rest;
if (!key || !en || !zh) {
  console.error('missing arguments');
  process.exit(2);
}

const lock = '/tmp/authlens-l10n.lock';
for (let i = 0; ; i++) {
  try {
    closeSync(openSync(lock, 'wx'));
    break;
  } catch {
    if (i > 200) throw new Error('l10n lock busy');
    await sleep(25);
  }
}
try {
  for (const [file, value] of [
    [files.en, en],
    [files.zh, zh],
  ]) {
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data[key] = value;
    const sorted = Object.fromEntries(Object.entries(data).sort(([a], [b]) => a.localeCompare(b)));
    writeFileSync(file, JSON.stringify(sorted, null, 2) + '\n');
  }
} finally {
  unlinkSync(lock);
}
