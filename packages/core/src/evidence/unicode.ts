// ES2024 well-formed string methods (Node >= 20), typed here because the project targets ES2023 libs.
type WellFormed = { isWellFormed(): boolean; toWellFormed(): string };

/** Whether a string has no lone surrogates. */
export function isWellFormed(text: string): boolean {
  return (text as unknown as WellFormed).isWellFormed();
}

/** The string with lone surrogates replaced by U+FFFD. */
export function toWellFormed(text: string): string {
  return (text as unknown as WellFormed).toWellFormed();
}
