// Entry of the lazily loaded providers bundle; the providers helper fills it.
export {};
