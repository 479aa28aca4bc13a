import type { AppliedRetention } from './store.ts';

/** Schema tag of `storage-receipt.json`. */
export const RECEIPT_SCHEMA = 'cavra.storage-receipt/v1';

/** File name of the receipt `push` writes into the evidence directory (never pushed itself). */
export const RECEIPT_FILE = 'storage-receipt.json';

/** One stored and verified version. */
export interface ReceiptObject {
  name: string;
  sha256: string;
  size: number;
  key: string;
  version_id: string | null;
  retention: { mode: string | null; retain_until: string | null; legal_hold: boolean };
}

/** What `push` stored, as read back from the server: written only after everything verified. */
export interface StorageReceipt {
  schema: typeof RECEIPT_SCHEMA;
  uri: string;
  stored_at: string;
  /** True only when every object, as read back, carries the requested retention. */
  immutable: boolean;
  /** Why the copy is mutable (accepted with `--allow-mutable`); null when immutable. */
  mutable_reason: string | null;
  requested: { mode: string; retain_until: string; legal_hold: boolean };
  manifest: ReceiptObject;
  objects: ReceiptObject[];
}

/** Converts an applied retention into the receipt's snake_case shape. */
export function toReceiptRetention(applied: AppliedRetention): ReceiptObject['retention'] {
  return { mode: applied.mode ?? null, retain_until: applied.retainUntil ?? null, legal_hold: applied.legalHold };
}
