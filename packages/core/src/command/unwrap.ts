// Splits a wrapper's own arguments from the command it runs (WrapperSpec grammar).
import type { Word } from './types.ts';
import type { WrapperSpec } from './wrappers.ts';

/** One way to read a wrapper invocation. */
export interface WrapperReading {
  /** The wrapped command's words (may be empty). */
  inner: Word[];
  /** `NAME=value` set by the wrapper. */
  env: Record<string, string>;
  /** A script-valued option (`flock -c 'cmd'`). */
  script?: Word;
}

/** Every plausible reading of `words` (wrapper first); none when the wrapper runs nothing. */
export function readWrapper(words: readonly Word[], spec: WrapperSpec): WrapperReading[] {
  if (spec.afterDoubleDash) {
    const dash = words.findIndex((word, index) => index > 0 && word.value === '--');
    if (dash > 0) return [{ inner: words.slice(dash + 1), env: {} }];
  }
  const { values, switches, scripts, splits, noRun, rests } = optionSetsOf(spec);
  if (spec.restRequired) return restAfterOption(words, values, rests);
  const readings: WrapperReading[] = [];
  const env: Record<string, string> = {};
  let lead: Word[] = [];
  let index = 1;
  while (index < words.length) {
    const word = words[index]!;
    const text = word.value;
    if (text === '--') {
      index += 1;
      break;
    }
    if (spec.assignments && /^[A-Za-z_][A-Za-z0-9_]*=/.test(text)) {
      const eq = text.indexOf('=');
      env[text.slice(0, eq)] = text.slice(eq + 1);
      index += 1;
      continue;
    }
    if (!text.startsWith('-') || text === '-') break;
    if (/^-\d+$/.test(text)) {
      index += 1;
      continue;
    }
    const eq = text.indexOf('=');
    const name = text.startsWith('--') && eq > 0 ? text.slice(0, eq) : text;
    const attached = text.startsWith('--') && eq > 0 ? text.slice(eq + 1) : undefined;
    if (noRun.has(name)) return [];
    if (rests.has(text)) return [{ inner: words.slice(index + 1), env }];
    if (scripts.has(name) || (!text.startsWith('--') && text.length > 2 && scripts.has(`-${text[text.length - 1]}`) && [...text.slice(1, -1)].every((ch) => switches.has(`-${ch}`)))) {
      const script = attached !== undefined ? { value: attached, dynamic: word.dynamic } : words[index + 1];
      return script === undefined ? [] : [{ inner: [], env, script }];
    }
    if (splits.has(name) || (text.length > 2 && splits.has(text.slice(0, 2)) && !text.startsWith('--'))) {
      const value = attached ?? (name === text && !splits.has(text) ? { value: text.slice(2), dynamic: word.dynamic } : words[index + 1]);
      const source = typeof value === 'string' ? { value, dynamic: word.dynamic } : value;
      if (source !== undefined) lead = source.value.split(/\s+/).filter(Boolean).map((part) => ({ value: part, dynamic: source.dynamic }));
      index += attached !== undefined || name !== text || !splits.has(text) ? 1 : 2;
      break;
    }
    if (values.has(name)) {
      index += attached !== undefined ? 1 : 2;
      continue;
    }
    if (values.has(text.slice(0, 2)) && !text.startsWith('--')) {
      index += 1;
      continue;
    }
    if (!switches.has(name) && !clusterOfSwitches(text, switches)) {
      // Unknown option: also read it as taking the next word as its value.
      readings.push(...finish(words, index + 2, spec, env, lead));
    }
    index += 1;
  }
  return [...finish(words, index, spec, env, lead), ...readings];
}

// `nix develop .#ci --impure -c make test`: the words after the first rest option (a known
// option's value skipped), or nothing when there is none (an interactive shell).
function restAfterOption(words: readonly Word[], values: ReadonlySet<string>, rests: ReadonlySet<string>): WrapperReading[] {
  for (let index = 1; index < words.length; index += 1) {
    const text = words[index]!.value;
    if (rests.has(text)) return [{ inner: words.slice(index + 1), env: {} }];
    if (values.has(text)) index += 1;
  }
  return [];
}

/** A wrapper's option lists as sets, built once per spec. */
interface OptionSets {
  values: ReadonlySet<string>;
  switches: ReadonlySet<string>;
  scripts: ReadonlySet<string>;
  splits: ReadonlySet<string>;
  noRun: ReadonlySet<string>;
  rests: ReadonlySet<string>;
}

const optionSets = new WeakMap<WrapperSpec, OptionSets>();

function optionSetsOf(spec: WrapperSpec): OptionSets {
  let sets = optionSets.get(spec);
  if (sets === undefined) {
    sets = {
      values: new Set(spec.valueOptions ?? []),
      switches: new Set(spec.switches ?? []),
      scripts: new Set(spec.scriptOptions ?? []),
      splits: new Set(spec.splitOptions ?? []),
      noRun: new Set(spec.noRun ?? []),
      rests: new Set(spec.restOptions ?? []),
    };
    optionSets.set(spec, sets);
  }
  return sets;
}

function clusterOfSwitches(text: string, switches: ReadonlySet<string>): boolean {
  return !text.startsWith('--') && text.length > 2 && [...text.slice(1)].every((ch) => switches.has(`-${ch}`));
}

function finish(words: readonly Word[], index: number, spec: WrapperSpec, env: Record<string, string>, lead: Word[]): WrapperReading[] {
  // `flock FILE -c 'cmd'`: a script option may follow the operands too.
  const after = words[index + (spec.operands ?? 0)];
  if (after !== undefined && spec.scriptOptions?.includes(after.value)) {
    const script = words[index + (spec.operands ?? 0) + 1];
    return script === undefined ? [] : [{ inner: [], env: { ...env }, script }];
  }
  const inner = [...lead, ...words.slice(index + (spec.operands ?? 0))];
  return [{ inner, env: { ...env } }];
}
