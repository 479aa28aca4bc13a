// Shapes of a command analysis. Everything here describes attacker-controlled input: the
// command line comes from the agent, and nothing in it is trusted.

/** A shell word after quote removal: `dynamic` when part of it comes from an expansion. */
export interface Word {
  value: string;
  dynamic: boolean;
  /** The value was computed from constants the script set (`x=terraform; $x`): judged, never allowed. */
  computed?: boolean;
  /** An unquoted pathname-expansion pattern (`.[e]nv`), quoted parts escaped. */
  glob?: string;
  /** What a process substitution (`<(…)`) reads out, when this word is one. */
  input?: StreamInput;
  /** The download command whose output this word carries (`$(curl …)`, `<(wget …)`). */
  fetch?: string;
  /** For a word made by expansion: the pathname pattern it can name (`**\/.env` for `$PWD/.env`). */
  pattern?: string;
}

/** What a command reads on stdin (or a process substitution yields), as far as we can tell. */
export type StreamInput =
  | { kind: 'text'; text: string; dynamic: boolean; decoded?: boolean }
  | { kind: 'fetch'; text: string }
  | { kind: 'stream'; from: string }
  | undefined;

/**
 * A tool-aware canonical form of one invocation: the program, its subcommand path, its
 * flags by canonical name (value `true` for a switch) and its positionals, so that every
 * spelling of an operation compares equal.
 */
export interface CanonicalForm {
  program: string;
  path: string[];
  flags: Map<string, string | true>;
  positionals: string[];
}

/** One program the command line can run, after unwrapping wrappers and nested shells. */
export interface Invocation {
  /** The resolved words, program first, as the program receives them. */
  argv: string[];
  /** The program's basename, or the program as typed when it is workspace-relative. */
  program: string;
  /** Wrappers and nesting this invocation was found inside, outermost first (`sudo`, `bash -c`). */
  via: string[];
  /** Environment assignments in effect (prefix, `env`, `export`). */
  env: Record<string, string>;
  /** The program is a relative path (`./terraform`): never allowed by a basename rule. */
  workspaceBinary: boolean;
  /** Canonical forms; one per equivalent reading (e.g. `tofu` also reads as `terraform`). */
  forms: CanonicalForm[];
  /** Canonical forms rendered as text, in `forms` order. */
  canonical: string[];
  /** `argv` joined with single spaces. */
  text: string;
  /**
   * `wrapper` for a program that only runs another one (`sudo`, `bash -c`): matched by block and
   * approval rules, never needed for allow. `delegated` for a program a package runner starts
   * (`tsc` in `npx tsc`): judged like a run, except that the runner's own invocation is the one
   * an allow rule must match.
   */
  role: 'run' | 'wrapper' | 'delegated';
}

export const OPAQUE_KINDS = [
  'parse-error',
  'dynamic-program',
  'eval-dynamic',
  'dynamic-script',
  'stdin-shell',
  'interpreter-exec',
  'encoded-payload',
  'depth-limit',
  'hidden-config',
  'hidden-substitution',
  're-evaluation',
  'resolution',
  'code-option',
  'named-remote',
] as const;
/** Why part of a command could not be seen into. */
export type OpaqueKind = (typeof OPAQUE_KINDS)[number];

/** A construct the analyser cannot see into: never allowed. */
export interface OpaqueFinding {
  kind: OpaqueKind;
  detail: string;
}

/** A file that a command reads or writes (`cat .env`, `> x.yml`, `sed -i`). */
export interface FileAccessFinding {
  access: 'read' | 'write';
  path: string;
  by: string;
  /** `path` is a pathname-expansion pattern: judged against the protected patterns it can match. */
  glob?: boolean;
  /**
   * `path` is a directory the command fills with names this line does not show (a recursive
   * copy or move, a link, an extracted archive, `tsc --outDir`): judged as every protected path
   * below it.
   */
  tree?: boolean;
  /**
   * `path` is a glob as typed, not a pattern made by expansion: none of its wildcards, `**`
   * included, matches a name's leading dot (bash without dotglob, globstar or not; zsh).
   */
  typed?: boolean;
}

/** A `git push` found in a command, reduced to what the git decision reads. */
export interface GitPushFinding {
  /** `push`, `push --force`, `push --delete` or `push --mirror`. */
  operation: string;
  /** Destination refspecs as typed after the remote (`main`, `+main`, `:main`, `HEAD:main`). */
  target: string;
}

/** Everything a command line runs and touches. */
export interface CommandAnalysis {
  line: string;
  invocations: Invocation[];
  /** Pipelines rendered as `a args | b args`, with fetch-into-interpreter spelled `curl URL | sh`. */
  pipelines: string[];
  opaque: OpaqueFinding[];
  files: FileAccessFinding[];
  gitPushes: GitPushFinding[];
}
