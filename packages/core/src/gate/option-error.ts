import { CavraError, type CavraErrorCode } from '../errors.ts';

// Core validates the gate's inputs for every edge, so its messages name the option by its
// edge-neutral key (`mode`, `store.retainDays`); each edge relabels it as its own flag or input.

/** An error about one option of `GateInputs`: `details.option` names it, `details.problem` says what is wrong with it. */
export function optionError(option: string, problem: string, hint?: string, code: CavraErrorCode = 'ERR_USAGE'): CavraError {
  return new CavraError(code, `\`${option}\` ${problem}`, { ...(hint ? { hint } : {}), details: { option, problem } });
}

/** The message of an option error with the option named as the edge names it (`--mode`, input `mode`). */
export function relabelOptionError(error: CavraError, labelOf: (option: string) => string | undefined): CavraError {
  const option = error.details?.option;
  const problem = error.details?.problem;
  if (typeof option !== 'string' || typeof problem !== 'string') return error;
  const label = labelOf(option);
  if (label === undefined) return error;
  return new CavraError(error.code, `${label} ${problem}`, { cause: error.cause, ...(error.hint ? { hint: error.hint } : {}), details: error.details });
}

/** `value` when it is one of `allowed`, otherwise an option error for `option`. */
export function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) throw optionError(option, `must be one of ${allowed.join(', ')}, got \`${value}\``);
  return value as T;
}
