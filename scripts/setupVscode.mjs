#!/usr/bin/env node
// Idempotent set-up of the VS Code that the in-host and UI tests run in (see REAL-VSCODE.md):
//   1. Debian packages libkrb5-dev, ripgrep, chromium, fonts-wqy-microhei (only when missing;
//      needs root + apt-get),
//   2. code-server 4.100.3 in `.vscode-test/code-server/`, an npm prefix of its own, so the
//      extension's own `npm ci` never needs Kerberos headers or native builds.
// Usage: node scripts/setupVscode.mjs        (prints what it did and how long it took)
// Also importable: `import { setupVscode, codeServerBin } from './setupVscode.mjs'`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.100.3';
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const codeServerPrefix = join(repoRoot, '.vscode-test', 'code-server');
export const codeServerBin = join(codeServerPrefix, 'node_modules', '.bin', 'code-server');
export const chromiumPath = process.env.AUTHLENS_CHROMIUM ?? '/usr/bin/chromium';

// @vscode/ripgrep's post-install looks for this archive before trying GitHub (unreachable here).
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

function log(msg) {
  console.log(`[setupVscode] ${msg}`);
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status ?? r.signal}`);
  }
}

/** Installs the Debian packages that are missing. Returns the names it installed. */
function ensureDebianPackages() {
  const wanted = [
    { pkg: 'libkrb5-dev', present: () => dpkgInstalled('libkrb5-dev') },
    { pkg: 'ripgrep', present: () => has('rg') },
    { pkg: 'chromium', present: () => existsSync(chromiumPath) || has('chromium') },
    // A CJK font: without one Chromium draws every Chinese character of the zh-cn UI test as a box.
    { pkg: 'fonts-wqy-microhei', present: () => dpkgInstalled('fonts-wqy-microhei') },
  ];
  const missing = wanted.filter((w) => !w.present()).map((w) => w.pkg);
  if (missing.length === 0) return [];
  if (!has('apt-get')) {
    throw new Error(`missing ${missing.join(', ')} and no apt-get to install them; install them by hand`);
  }
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`apt-get install ${missing.join(' ')}`);
  const [c0, ...cRest] = [...sudo, 'apt-get'];
  run(c0, [...cRest, 'update'], { env });
  run(c0, [...cRest, 'install', '-y', '--no-install-recommends', ...missing], { env });
  return missing;
}

/** Puts Debian's rg where @vscode/ripgrep's post-install looks first, so it never downloads. */
function seedRipgrepCache() {
  const dir = join(tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`);
  const archive = join(dir, RIPGREP_ARCHIVE);
  if (existsSync(archive)) return;
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(tmpdir(), 'authlens-rg-'));
  try {
    copyFileSync(rg, join(staging, 'rg'));
    run('tar', ['-czf', archive, '-C', staging, 'rg']);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export function codeServerInstalled() {
  const pkg = join(codeServerPrefix, 'node_modules', 'code-server', 'package.json');
  if (!existsSync(codeServerBin) || !existsSync(pkg)) return false;
  try {
    return JSON.parse(readFileSync(pkg, 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

function installCodeServer() {
  mkdirSync(codeServerPrefix, { recursive: true });
  seedRipgrepCache();
  const env = {
    ...process.env,
    npm_config_yes: 'true', // node-pty's post-install runs `npx node-gyp`
    npm_config_unsafe_perm: 'true',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  };
  // Its own package.json so npm does not walk up into the extension's project.
  if (!existsSync(join(codeServerPrefix, 'package.json'))) {
    // (Not `npm init`: it would name the package "code-server" and npm refuses to install a
    // package under one of the same name.)
    writeFileSync(join(codeServerPrefix, 'package.json'), '{ "name": "authlens-test-host", "private": true }\n');
  }
  run('npm', ['install', '--prefix', codeServerPrefix, '--unsafe-perm', '--no-save', '--loglevel=error', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: codeServerPrefix,
    env,
  });
  if (!codeServerInstalled()) throw new Error('code-server install finished but its binary is missing');
}

/** Makes sure Debian packages and code-server are present. Returns a summary of what it did. */
export function setupVscode() {
  const t0 = Date.now();
  const did = [];
  const installed = ensureDebianPackages();
  if (installed.length) did.push(`apt-get installed ${installed.join(', ')} (${secs(t0)})`);
  else did.push('Debian packages present');
  const t1 = Date.now();
  if (codeServerInstalled()) {
    did.push(`code-server ${CODE_SERVER_VERSION} present`);
  } else {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${codeServerPrefix} (about 100 s)`);
    installCodeServer();
    did.push(`installed code-server ${CODE_SERVER_VERSION} (${secs(t1)})`);
  }
  const summary = `${did.join('; ')}; total ${secs(t0)}`;
  log(summary);
  return summary;
}

function secs(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    setupVscode();
  } catch (err) {
    console.error(`[setupVscode] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
