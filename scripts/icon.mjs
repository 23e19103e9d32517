#!/usr/bin/env node
// Makes the Marketplace icon, media/icon.png (128x128), from the activity-bar glyph
// media/authlens.svg: the glyph in white on a rounded tile, drawn by Debian's Chromium through
// playwright-core (the browser the UI tests use). Run it again after changing the glyph:
//   node scripts/icon.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const glyph = readFileSync(join(root, 'media', 'authlens.svg'), 'utf8');
const out = join(root, 'media', 'icon.png');
const size = 128;
/** The tile's colours; package.json `galleryBanner.color` is the darker one. */
const tile = { from: '#2b3a67', to: '#1b2440' };

// The glyph's shapes, re-used as they are: only the <svg> wrapper is replaced.
const inner = /<svg[^>]*>([\s\S]*)<\/svg>/.exec(glyph)?.[1];
if (!inner) throw new Error('media/authlens.svg has no <svg> element');

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="${tile.from}"/><stop offset="1" stop-color="${tile.to}"/>
  </linearGradient></defs>
  <rect x="4" y="4" width="${size - 8}" height="${size - 8}" rx="24" fill="url(#bg)"/>
  <g transform="translate(16 16) scale(4)" fill="none" stroke="#ffffff" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round">${inner}</g>
</svg>`;

const browser = await chromium.launch({ executablePath: process.env.AUTHLENS_CHROMIUM ?? '/usr/bin/chromium', headless: true });
try {
  const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
