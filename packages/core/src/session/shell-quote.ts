/** Quotes one word for a POSIX shell, so that it stays one word whatever it holds. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** An argv as the command line that runs exactly it. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
