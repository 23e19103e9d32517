// Types of scripts/codiconSubset.mjs for the TypeScript tests.
export function quotedLiterals(dir: string): Set<string>;
export function codiconSubset(css: string, ttf: Uint8Array, used: ReadonlySet<string>): Promise<{ css: string; ttf: Uint8Array; codePoints: number[] }>;
