// The seam every CI edge calls: one plain, typed object of what the operator asked for. The CLI
// fills it from flags, the Action from `INPUT_*`, the GitLab component from `spec: inputs:`, the
// Azure task from its task inputs. `prepareGate()` validates it whole before any side effect and
// turns it into ready-made `GateOptions`.
import type { ActionRequest } from '../decision/types.ts';
import type { FetchLike } from '../identity/limited-fetch.ts';
import type { GateMode } from '../report/gate-report.ts';
import type { ApproversFile } from '../review/approvers-file.ts';
import type { ReviewContext } from '../review/types.ts';
import type { SessionProblem } from '../session/types.ts';
import type { RetentionMode } from '../storage/store.ts';
import type { ProviderId } from './providers.ts';

/** How the sealed bundle is signed, and what it must verify against before the run counts. */
export type GateSigningInputs =
  | {
      kind: 'key';
      /** A PEM private key file; created (with its public half beside it) when absent and `create` is set. */
      keyFile: string;
      create?: boolean;
    }
  | {
      kind: 'key-pem';
      /** A PEM private key itself, as a CI secret holds it; never written or printed. */
      keyPem: string;
    }
  | {
      kind: 'keyless';
      certificateIdentity: string;
      /**
       * Where the OIDC token names what the certificate certifies, when that is not known before
       * the token (GitHub: `job_workflow_ref`, which names the reusable workflow a job runs in):
       * the expected identity is then `prefix` + that claim, and `certificateIdentity` only when
       * the token lacks it.
       */
      certificateIdentityClaim?: { claim: string; prefix: string };
      certificateIssuer: string;
      /** A pinned `trusted_root.json`; without it, public-good Sigstore's through TUF. */
      trustRootFile?: string;
      fulcioUrl?: string;
      rekorUrl?: string;
      tsaUrl?: string;
      rekorEntryType?: 'dsse' | 'intoto';
      /** The OIDC token for Fulcio; without it `SIGSTORE_ID_TOKEN`, then the CI provider's token endpoint. */
      identityTokenFile?: string;
    };

/** Runner authentication: with it, the run's OIDC token must verify or every action is blocked. */
export interface GateRunnerAuthInputs {
  issuer: string;
  audience: string;
  /** Exactly one source of the issuer's keys. */
  jwksFile?: string;
  jwksUrl?: string;
  discover?: boolean;
  tokenFile?: string;
  claimsFile?: string;
}

export interface GateStoreInputs {
  /** `file://PATH`, `s3://BUCKET/PREFIX` or `azblob://ACCOUNT/CONTAINER/PREFIX`. */
  uri: string;
  endpoint?: string;
  /** Whole days; a string as the user typed it is validated here, once, for every edge. */
  retainDays?: number | string;
  retentionMode?: RetentionMode | string;
  allowMutable?: boolean;
}

/** What the operator asked of one gate run, as every edge reads it. Option names are the edge-neutral keys used in `details.option`. */
export interface GateInputs {
  provider: ProviderId | 'auto';
  mode: GateMode | string;
  /** Pack ids or YAML files; none means `cavra-ci-baseline`. The operator's packs decide: a request's `policy_pack` is recorded, never obeyed. */
  packs: readonly string[];
  policyDirs: readonly string[];
  registryFile?: string;
  /** Agent session files (paths; the edge expands globs). */
  sessions: readonly string[];
  /** Where `cavra hook` copied its checkpoints outside the workspace; default `CAVRA_EVIDENCE_HEADS`. */
  hookHeadsDir?: string;
  /** Actions the edge gathered itself (a pull request's changed files as `write_file`, …). */
  requests?: readonly ActionRequest[];
  /** What the edge could not judge (a pull request's file list shorter than its count): each is recorded as a block. */
  unreadable?: readonly SessionProblem[];
  /** The change under review, for approvals and agent authorship; absent outside a pull request. */
  review?: ReviewContext;
  /** Who may approve, parsed by the edge from the base branch's `.cavra/approvers.yml` (never the change's head). */
  approvers?: ApproversFile;
  signing: GateSigningInputs;
  runnerAuth?: GateRunnerAuthInputs;
  /** Absent: the evidence stays in its directory only. */
  store?: GateStoreInputs;
  /** Where this run's evidence goes; default `.cavra/runs/<time>-<random>`. */
  evidenceDir?: string;
  /** Where provider report files (JUnit, Code Quality) are written. */
  reportsDir?: string;
}

/** The ambient world, injected so the core reads no globals: tests and every edge pass their own. */
export interface GateEdges {
  env: Readonly<Record<string, string | undefined>>;
  fetch: FetchLike;
  cwd: string;
  now?: () => Date;
  /** Progress lines for long work; never given secrets. */
  progress?: (message: string) => void;
  /** The file the edge runs from (`process.argv[1]`): the AI-BOM names this tool by its digest. */
  entryFile?: string;
}
