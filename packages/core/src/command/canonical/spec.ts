// How one tool reads its arguments, as data: which options come before the subcommand, which
// take a value, which spellings are aliases. One entry per tool family (see tools.ts).
import type { CanonicalForm } from '../types.ts';

/** A tool's argument grammar, enough to put every spelling of an operation in one form. */
export interface ToolSpec {
  /** Program basenames this spec reads. */
  names: readonly string[];
  /** The name forms are also emitted under (`tofu` → `terraform`). */
  canonicalProgram?: string;
  /** Number of subcommand words, or `until-flag` (az, gcloud). */
  pathDepth: number | 'until-flag';
  /** Options (any position) that take a value, in canonical spelling. */
  valueFlags?: ReadonlySet<string>;
  /** Long options that never take a value, where unknown long options otherwise would (aws, az). */
  switchFlags?: ReadonlySet<string>;
  /** Unknown `--x` followed by a non-option word takes it as its value (aws, az, gcloud). */
  longTakesValue?: boolean;
  /** Alias → canonical spelling (`-f` → `--force`). */
  aliases?: Readonly<Record<string, string>>;
  /** Subcommand alias → canonical subcommand (`del` → `uninstall`). */
  subcommands?: Readonly<Record<string, string>>;
  /** Known long options; a unique prefix of one resolves to it (git accepts `--force-w`). */
  longNames?: readonly string[];
  /** Split `-rf` into `-r -f`. */
  shortClusters?: boolean;
  /** Go-style `-flag`: one and two leading dashes are the same option (terraform). */
  singleDashLong?: boolean;
  /** Rewrites and extra equivalent forms, after the generic reading. */
  refine?: (form: CanonicalForm, context: RefineContext) => CanonicalForm[];
  /** Extra words the environment injects after the subcommand (`TF_CLI_ARGS`). */
  injected?: (path: readonly string[], env: Readonly<Record<string, string>>) => string[];
}

/** What a refinement may look at. */
export interface RefineContext {
  /** True when canonicalising a policy pattern rather than a command. */
  pattern: boolean;
}
