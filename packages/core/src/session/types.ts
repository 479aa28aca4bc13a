import type { ActionRequest } from '../decision/types.ts';

/** The formats the gate reads, detected from content (see CONTRACTS.md, "Agent sessions"). */
export const SESSION_FORMATS = ['cavra-requests'] as const;
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
}
