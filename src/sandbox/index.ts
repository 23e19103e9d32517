// Placeholder entry; the sandbox helper replaces it.
export {};
