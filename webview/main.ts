// Placeholder entry; the inspector helper replaces it.
export {};
