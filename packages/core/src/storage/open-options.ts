/** How to reach a store: the environment (read once by the caller) and an optional endpoint. */
export interface OpenStoreOptions {
  /** The process environment, passed in; the SDKs' usual variables are honoured. */
  env: Readonly<Record<string, string | undefined>>;
  /** An S3-compatible or emulator endpoint (`--endpoint`); for Azurite include the account: `http://127.0.0.1:10000/devstoreaccount1`. */
  endpoint?: string;
  /** Tries per request for S3 and Azure (default 4). */
  maxTries?: number;
  /** First Azure retry delay in milliseconds (default 800). */
  retryDelayMs?: number;
}
