// Tables and variable frames are plain objects keyed by words of the command line, and every
// object inherits members (`constructor`, `toString`, `__proto__`): looked up by a word, they
// must find nothing, so that `constructor npm test` runs an unknown program, not a wrapper.

/** The value a table holds under `key` itself, never one it inherits. */
export function own<T>(table: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
