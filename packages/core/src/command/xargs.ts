// xargs runs its command with words read from its standard input: appended (`find . | xargs
// grep x`), or put where the replace string stands (`xargs -I{} sh -c {}`). Known text (a
// here-string, `printf` output) gives the commands themselves; any other input gives words the
// line does not show, which are dynamic: a shell script made of them is never seen into.
import type { StreamInput, Word } from './types.ts';

/** The most commands read from known input; past that, input words count as unknown. */
const MAX_ITEMS = 16;

/** A word that stands for what xargs reads at run time. */
const UNKNOWN: Word = { value: '<stdin>', dynamic: true };

/** The commands `xargs OPTIONS… COMMAND…` runs (`inner` is COMMAND…, `echo` when empty). */
export function xargsCommands(xargsWords: readonly Word[], inner: readonly Word[], stdin: StreamInput): Word[][] {
  const command = inner.length > 0 ? inner : [{ value: 'echo', dynamic: false }];
  const replace = replaceStringOf(xargsWords);
  const fromFile = xargsWords.some((word) => /^(-a|--arg-file(=.*)?|-a.+)$/.test(word.value));
  const known = !fromFile && stdin?.kind === 'text' && !stdin.dynamic ? stdin.text : undefined;
  if (replace !== undefined) {
    const lines = known?.split('\n').map((line) => line.trimStart()).filter((line) => line !== '');
    if (lines === undefined || lines.length > MAX_ITEMS) return [command.map((word) => (word.value.includes(replace) ? { ...UNKNOWN, value: word.value } : word))];
    return lines.map((line) => command.map((word) => (word.value.includes(replace) ? { value: word.value.split(replace).join(line), dynamic: word.dynamic, computed: true } : word)));
  }
  const items = known?.split(delimiterOf(xargsWords)).filter((item) => item !== '');
  if (items === undefined || items.length > MAX_ITEMS) return [[...command, UNKNOWN]];
  return [[...command, ...items.map((value) => ({ value, dynamic: false, computed: true }))]];
}

// `-I R`, `-IR`, `--replace[=R]`, `-i[R]` (R defaults to `{}`).
function replaceStringOf(words: readonly Word[]): string | undefined {
  for (let index = 1; index < words.length; index += 1) {
    const text = words[index]!.value;
    if (!text.startsWith('-')) return undefined;
    if (text === '-I') return words[index + 1]?.value;
    if (text.startsWith('-I')) return text.slice(2);
    if (text === '--replace' || text === '-i') return '{}';
    if (text.startsWith('--replace=')) return text.slice(10);
    if (text.startsWith('-i')) return text.slice(2);
  }
  return undefined;
}

// Blanks and newlines by default, NUL with `-0`, the `-d` character.
function delimiterOf(words: readonly Word[]): RegExp | string {
  for (let index = 1; index < words.length; index += 1) {
    const text = words[index]!.value;
    if (text === '-0' || text === '--null') return '\0';
    if (text === '-d') return words[index + 1]?.value ?? /\s+/;
    if (text.startsWith('--delimiter=')) return text.slice(12);
  }
  return /\s+/;
}
