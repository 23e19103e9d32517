import type { Plugin } from 'esbuild';
/** See esbuildVscodeOnce.mjs. */
export declare const vscodeOnce: Plugin;
