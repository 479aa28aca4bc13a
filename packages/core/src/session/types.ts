import type { ActionRequest } from '../decision/types.ts';

/** The formats the gate reads, detected from content (see CONTRACTS.md, "Agent sessions"). */
export const SESSION_FORMATS = [
  'cavra-requests',
  'claude-code-transcript',
  'claude-code-execution',
  'codex-exec-json',
  'codex-rollout',
  'cavra-hook-evidence',
] as const;
export type SessionFormat = (typeof SESSION_FORMATS)[number];

/** A line or block that could not be read: never skipped, the gate records it as a `block`. */
export interface SessionProblem {
  file: string;
  /** 1-based line, or the index of the block in a JSON array. */
  line: number;
  /** `sha256:<hex>` of the raw line's bytes, so the evidence names it without keeping it. */
  digest: string;
  message: string;
}

export interface SessionRead {
  file: string;
  format: SessionFormat;
  requests: ActionRequest[];
  problems: SessionProblem[];
  /**
   * Tool calls the agent reported as refused before they ran (claude-code-action's
   * `permission_denials`), by tool-call id; their requests are still decided.
   */
  denied?: string[];
}

/** Where a session's paths are made relative: the repository root, and the agent's own working directory. */
export interface SessionReadOptions {
  /** The repository root; paths inside it become relative to it. Default: the agent's `cwd`, else none. */
  root?: string;
  /** Where `cavra hook` copied its checkpoints (`CAVRA_EVIDENCE_HEADS`): a hook log must extend every one. */
  headsMirror?: string;
}
