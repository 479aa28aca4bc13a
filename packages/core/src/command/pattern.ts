// Command patterns are upstream globs (`git push --force*`, `rm -rf*`). We read the literal
// part of a pattern with the same tool-aware reading as commands, so a pattern matches every
// spelling of its operation: flags in any order or spelling, globals before the subcommand,
// refspec forms, resource aliases. The upstream glob still applies to the text as well.
import { compileGlob, type GlobMatcher } from '../policy/glob.ts';
import { canonicalForms, renderForm } from './canonical/index.ts';
import type { CanonicalForm, Invocation } from './types.ts';

/** A pattern read as an operation. Absent for patterns that span commands (`curl *|*sh*`). */
export interface StructuredPattern {
  forms: CanonicalForm[];
  /** The pattern ends in `*` somewhere: more may follow. */
  open: boolean;
  /** The last literal word runs straight into `*` (`--force*`, `ma*`): it may be a prefix. */
  partial: boolean;
  /** Only a program name (`git*`, `pytest*`). */
  programOnly: boolean;
  /** What follows the first `*`, matched against the canonical text (`*--context*prod*`). */
  tail: GlobMatcher | undefined;
  /** Each form's flags as a list, in `forms` order: read for every invocation, without a Map iterator. */
  flagLists: Array<ReadonlyArray<readonly [string, string | true]>>;
}

const SPANS_COMMANDS = /[|;&<>()`$\n]/;

/** Reads a command pattern as an operation, when it names one. */
export function structurePattern(text: string): StructuredPattern | undefined {
  if (SPANS_COMMANDS.test(text)) return undefined;
  const star = text.indexOf('*');
  const literal = star < 0 ? text : text.slice(0, star);
  const open = star >= 0;
  const partial = open && literal !== '' && !/\s$/.test(literal);
  const rest = open ? text.slice(star).replace(/^\*+/, '') : '';
  const words = literal.trim().split(/\s+/).filter(Boolean).map((word) => word.replace(/^(['"])(.*)\1$/, '$2'));
  if (words.length === 0) return undefined;
  const program = words[0]!.slice(words[0]!.lastIndexOf('/') + 1).toLowerCase();
  const forms = canonicalForms(program, words.slice(1), {}, true);
  return {
    forms,
    flagLists: forms.map((form) => [...form.flags]),
    open,
    partial,
    programOnly: words.length === 1,
    tail: rest === '' ? undefined : compileGlob(`*${rest}`),
  };
}

/**
 * Whether a structured pattern matches an invocation. `exact` (for allow rules) requires a
 * closed pattern's flags to be exactly the invocation's, so an allow never widens to flags
 * the pattern did not name.
 */
export function matchesInvocation(pattern: StructuredPattern, invocation: Invocation, exact: boolean): CanonicalForm | undefined {
  // `canonical` holds each form rendered, in `forms` order: a tail is matched against that text.
  for (let index = 0; index < invocation.forms.length; index += 1) {
    const subject = invocation.forms[index]!;
    const rendered = invocation.canonical[index] ?? renderForm(subject);
    for (let each = 0; each < pattern.forms.length; each += 1) {
      if (matchesForm(pattern, pattern.forms[each]!, pattern.flagLists[each]!, subject, rendered, exact)) return subject;
    }
  }
  return undefined;
}

// The value of the first flag (in the invocation's order) named `name` or starting with it.
function firstFlagStartingWith(flags: ReadonlyMap<string, string | true>, name: string): string | true | undefined {
  for (const [have, value] of flags) if (have.startsWith(name)) return value;
  return undefined;
}

function matchesForm(pattern: StructuredPattern, form: CanonicalForm, flags: ReadonlyArray<readonly [string, string | true]>, subject: CanonicalForm, rendered: string, exact: boolean): boolean {
  if (form.program !== subject.program) return false;
  if (pattern.programOnly) {
    // A closed allow names the bare program: `yarn` allows `yarn`, not `yarn dlx pkg`.
    if (exact && !pattern.open && (subject.path.length > 0 || subject.flags.size > 0 || subject.positionals.length > 0)) return false;
    return !pattern.tail || pattern.tail.test(rendered);
  }
  const lastIsPath = form.positionals.length === 0 && form.flags.size === 0;
  if (pattern.open ? form.path.length > subject.path.length : form.path.length !== subject.path.length) return false;
  for (let index = 0; index < form.path.length; index += 1) {
    const want = form.path[index]!;
    const have = subject.path[index]!;
    const prefixOk = pattern.partial && lastIsPath && index === form.path.length - 1;
    if (want !== have && !(prefixOk && have.startsWith(want))) return false;
  }
  for (const [name, value] of flags) {
    const found = pattern.partial ? firstFlagStartingWith(subject.flags, name) : subject.flags.get(name);
    if (found === undefined) return false;
    if (value !== true && found !== value) return false;
  }
  if (exact && !pattern.open && subject.flags.size !== form.flags.size) return false;
  const want = form.positionals;
  const have = subject.positionals;
  if (pattern.open ? have.length < want.length : have.length !== want.length) return false;
  for (let index = 0; index < want.length; index += 1) {
    const prefixOk = pattern.partial && index === want.length - 1;
    if (want[index] !== have[index] && !(prefixOk && have[index]!.startsWith(want[index]!))) return false;
  }
  return !pattern.tail || pattern.tail.test(rendered);
}
