import { CavraError } from '../errors.ts';
import { optionError } from '../gate/option-error.ts';
import type { AppliedRetention, RetentionMode, RetentionRequest } from './store.ts';

/** Retention used when `push` gets no `--retain-days` / `--mode`. */
export const DEFAULT_RETENTION = { days: 365, mode: 'governance' as RetentionMode, legalHold: false } as const;

const DAY_MS = 86_400_000;
const MAX_DAYS = 36_500;

/**
 * Retention days as a user typed them (a flag, an input) or as a number: a whole number from 1 to
 * 36500, or the default when absent. Every edge validates through this one check.
 */
export function parseRetentionDays(value: number | string | undefined, option = 'retainDays'): number {
  if (value === undefined || value === '') return DEFAULT_RETENTION.days;
  const days = typeof value === 'number' ? value : /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) {
    throw optionError(option, `must be a whole number of days from 1 to ${MAX_DAYS}, got \`${String(value)}\``, 'e.g. 365 (a year) or 2555 (seven years)');
  }
  return days;
}

/** The retention for a push made at `now`: `days` whole days, rounded up to the next second. */
export function planRetention(now: Date, days: number, mode: RetentionMode, legalHold: boolean): RetentionRequest {
  parseRetentionDays(days);
  // Servers keep retain-until dates at second precision; round up so the read-back is never earlier.
  const until = Math.ceil((now.getTime() + days * DAY_MS) / 1000) * 1000;
  return { mode, retainUntil: new Date(until), legalHold };
}

/**
 * Throws `ERR_STORE_NOT_IMMUTABLE` unless `applied` (read back from the server) is at least what
 * `requested` asked for: same mode, a retain-until date no earlier, and the legal hold if asked.
 */
export function assertRetentionApplied(key: string, requested: RetentionRequest, applied: AppliedRetention): void {
  const problem = retentionShortfall(requested, applied);
  if (problem === undefined) return;
  throw new CavraError('ERR_STORE_NOT_IMMUTABLE', `stored object \`${key}\` ${problem} when read back`, {
    hint: 'the target must enforce retention (S3 Object Lock, Azure version-level immutability); use `--allow-mutable` to accept a mutable copy',
    details: { key, requested: { mode: requested.mode, retainUntil: requested.retainUntil.toISOString(), legalHold: requested.legalHold }, applied },
  });
}

/** Why `applied` falls short of `requested`, or undefined when it does not. */
export function retentionShortfall(requested: RetentionRequest, applied: AppliedRetention): string | undefined {
  if (!applied.immutable || applied.mode === undefined || applied.retainUntil === undefined) return 'has no retention';
  // Compliance is stricter than governance, so it satisfies a governance request.
  if (applied.mode !== requested.mode && applied.mode !== 'compliance') return `has retention mode \`${applied.mode}\`, not \`${requested.mode}\``;
  // Servers may drop sub-second precision; one second of slack.
  if (Date.parse(applied.retainUntil) < requested.retainUntil.getTime() - 1000) return `is retained only until \`${applied.retainUntil}\``;
  if (requested.legalHold && !applied.legalHold) return 'has no legal hold';
  return undefined;
}
