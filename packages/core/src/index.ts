// Curated public API of @cavra/core, grouped by concern.

// errors
export { CAVRA_ERROR_CODES, CavraError, isCavraError, isUserInputError } from './errors.ts';
export type { CavraErrorCode, CavraErrorOptions } from './errors.ts';

// decisions
export { ACTION_TYPES, APPROVER_GROUPS, DECISIONS, DEFAULT_PACK_ID, GATE_DEFAULT_PACK_ID, SEVERITIES } from './decision/types.ts';
export type { ActionRequest, ActionType, DecisionContext, DecisionRecord, DecisionValue, RuleMatch, Severity, Verdict } from './decision/types.ts';
export { evaluate, recordVerdict, requestedOperationOf, selectPackId } from './decision/evaluate.ts';
export type { DecisionPolicy } from './decision/evaluate.ts';
export { batchEvaluator } from './decision/batch.ts';
export { assertActionRequest } from './decision/request.ts';
export { isStricter, permitsAction } from './decision/precedence.ts';
export { decideGitOperation, parseGitOperation, type GitTargetForm } from './decision/git.ts';
export { MAX_REQUEST_LENGTH, MAX_TARGET_LENGTH } from './decision/limits.ts';
export { systemDecisionContext } from './system-context.ts';
export type { PathResolver } from './decision/files.ts';
export { workspacePathResolver } from './workspace/path-resolver.ts';

// policy packs
export { compilePack } from './policy/compile.ts';
export type { CompiledPack, CompiledRule } from './policy/compile.ts';
export { anyGlob, compileGlob, foldCase, globToRegExp, type GlobMatcher, type GlobOptions } from './policy/glob.ts';
export { normalizeFilePath } from './policy/path.ts';
export { parsePack } from './policy/parse.ts';
export { lintPackFiles } from './catalog/lint-pack-files.ts';
export type { PackLint } from './catalog/lint-pack-files.ts';
export type { PackDocument, PackRule, PackSource, PackTest } from './policy/pack.ts';
export { resolvePack } from './policy/merge.ts';
export type { PackLookup, ResolvedPack } from './policy/merge.ts';
export { parseRegistry } from './policy/registry.ts';
export type { McpRegistry, McpServerRecord } from './policy/registry.ts';
export { POLICY_PACK_SCHEMA } from './policy/schema.ts';
export { PackCatalog, packDigest } from './catalog/pack-catalog.ts';
export type { PackCatalogOptions } from './catalog/pack-catalog.ts';
export { compilePolicy, openPolicy } from './catalog/open-policy.ts';
export type { OpenPolicy, PolicyOptions } from './catalog/open-policy.ts';
export { runPackSelfTests } from './catalog/pack-self-test.ts';
export type { PackTestFailure, PackTestReport } from './catalog/pack-self-test.ts';

// runner identity (OIDC tokens and HMAC runner auth)
export { AZURE_OIDC_API_VERSION, AzurePipelinesTokenSource } from './identity/acquire/azure-token-source.ts';
export { runnerTokenSource } from './identity/acquire/detect-token-source.ts';
export type { RunnerTokenSourceOptions } from './identity/acquire/detect-token-source.ts';
export { ExplicitTokenSource, FileTokenSource } from './identity/acquire/explicit-token-source.ts';
export { GitHubTokenSource } from './identity/acquire/github-token-source.ts';
export { DEFAULT_GITLAB_TOKEN_VARIABLE, GitLabTokenSource } from './identity/acquire/gitlab-token-source.ts';
export { RunnerToken } from './identity/acquire/runner-token.ts';
export type { RunnerEnv, RunnerTokenSource } from './identity/acquire/runner-token.ts';
export { DEFAULT_TOKEN_ALGORITHMS, TOKEN_ALGORITHMS, assertTokenAlgorithms } from './identity/algorithms.ts';
export type { TokenAlgorithm } from './identity/algorithms.ts';
export { CLAIMS_POLICY_FIELDS, assertRunnerClaimsPolicy, parseRunnerClaimsPolicy } from './identity/claims-policy.ts';
export type { RunnerClaimsPolicy } from './identity/claims-policy.ts';
export { RUNNER_AUTH_CLAIM_FIELDS } from './identity/hmac-signing-string.ts';
export type { RunnerAuthClaims } from './identity/hmac-signing-string.ts';
export { RUNNER_AUTH_V1_CONTEXT, runnerAuthSigningStringV1, signRunnerAuthV1, verifyRunnerAuthV1 } from './identity/hmac-runner-auth-v1.ts';
export { RUNNER_AUTH_V2_ALGORITHM, RUNNER_AUTH_V2_CONTEXT, runnerAuthSigningStringV2, signRunnerAuthV2, verifyRunnerAuthV2 } from './identity/hmac-runner-auth-v2.ts';
export type { RunnerAuthV2, SignRunnerAuthV2Options, VerifyRunnerAuthV2Options } from './identity/hmac-runner-auth-v2.ts';
export type { FetchLike } from './identity/limited-fetch.ts';
export { MemoryNonceStore } from './identity/memory-nonce-store.ts';
export type { NonceStore } from './identity/nonce-store.ts';
export { DEFAULT_REMOTE_TOKEN_KEYS, remoteTokenKeys } from './identity/remote-token-keys.ts';
export type { RemoteTokenKeysOptions } from './identity/remote-token-keys.ts';
export { RUNNER_AUTH_RULE_ID, authenticateRunner, runnerAuthVerdict } from './identity/runner-auth.ts';
export type { AuthenticateRunnerOptions, RunnerAuthResult, RunnerAuthVerdict } from './identity/runner-auth.ts';
export { RUNNER_PROVIDERS } from './identity/runner-identity.ts';
export type { RunnerIdentity, RunnerProvider } from './identity/runner-identity.ts';
export { localTokenKeys } from './identity/token-keys.ts';
export type { TokenKeys } from './identity/token-keys.ts';
export { DEFAULT_VERIFY_RUNNER_TOKEN, verifyRunnerToken } from './identity/verify-token.ts';
export type { VerifyRunnerTokenOptions } from './identity/verify-token.ts';

// immutable evidence storage
export type { AzureImmutableBlobStore, AzureImmutableBlobStoreOptions } from './storage/azure-immutable-blob.ts';
export { LocalFolderStore } from './storage/local-folder.ts';
export { MANIFEST_PREFIX, MANIFEST_SCHEMA, objectKey, parseManifest } from './storage/manifest.ts';
export type { ManifestEntry, StorageManifest } from './storage/manifest.ts';
export { openEvidenceStore } from './storage/open-store.ts';
export type { OpenStoreOptions } from './storage/open-options.ts';
export { pullEvidence } from './storage/pull.ts';
export type { PullResult } from './storage/pull.ts';
export { pushEvidence } from './storage/push.ts';
export type { PushOptions } from './storage/push.ts';
export { RECEIPT_FILE, RECEIPT_SCHEMA } from './storage/receipt.ts';
export type { ReceiptObject, StorageReceipt } from './storage/receipt.ts';
export { DEFAULT_RETENTION, parseRetentionDays, planRetention } from './storage/retention.ts';
export type { S3ObjectLockStore, S3ObjectLockStoreOptions } from './storage/s3-object-lock.ts';
export { RETENTION_MODES } from './storage/store.ts';
export type { AppliedRetention, EvidenceStore, ObjectHead, ObjectRef, RetentionMode, RetentionRequest } from './storage/store.ts';
export { parseStoreUri } from './storage/uri.ts';
export type { StoreLocation } from './storage/uri.ts';

// tamper-evident evidence
export { canonicalJson, fastCanonicalJson, sortedCopy } from './evidence/canonical.ts';
export { checkpointIdentity, checkpointTimestamp, formatCheckpoint, identityExtension, noteSignerFromKey, noteVerifierFromKey, openSignedNote, parseCheckpoint, parseSignedNote, signNote } from './evidence/checkpoint.ts';
export type { Checkpoint, NoteSigner, NoteVerifier, SignedNote } from './evidence/checkpoint.ts';
export { DAEMON_EVIDENCE_SCHEMA, daemonRecordHash, daemonRecordSignature, encodeDaemonRequest, encodeDaemonResponse, goJsonString, verifyDaemonLog } from './evidence/daemon-log.ts';
export type { DaemonVerification, DaemonVerifyOptions } from './evidence/daemon-log.ts';
export { DEFAULT_ORIGIN, EVIDENCE_FILES, appendEvidence, withEvidenceLock, writeAtomic } from './evidence/log.ts';
export type { AppendOptions, AppendResult } from './evidence/log.ts';
export { EMPTY_ROOT, MerkleAccumulator, consistencyProof, hashChildren, hashLeaf, inclusionProof, merkleRoot, verifyConsistency, verifyInclusion } from './evidence/merkle.ts';
export { problemText } from './evidence/problem.ts';
export type { EvidenceProblem } from './evidence/problem.ts';
export { INCLUSION_PROOF_SCHEMA, buildInclusionProof, checkInclusionProof } from './evidence/proof.ts';
export type { InclusionProofDocument } from './evidence/proof.ts';
export { EVIDENCE_RECORD_SCHEMA, GENESIS_HASH, LINE_LAYOUT, buildEvidenceLine, parseEvidenceLine } from './evidence/record.ts';
export type { EvidenceInput, EvidenceLine, EvidenceRecord } from './evidence/record.ts';
export { REDACTED, redactRequest, redactString } from './evidence/redact.ts';
export { MAX_REQUEST_BYTES, parseExactJson } from './evidence/exact-json.ts';
export { LogScanner, scanLogBytes, scanLogFile } from './evidence/scan.ts';
export { PARALLEL_SCAN_BYTES, scanLogFileParallel } from './evidence/scan-parallel.ts';
export type { LogScan, ScanOptions } from './evidence/scan.ts';
export { UPSTREAM_BUNDLE_SCHEMA, pythonJsonDumps, verifyUpstreamBundle } from './evidence/upstream-bundle.ts';
export type { UpstreamBundleVerification } from './evidence/upstream-bundle.ts';
export { verifyLog } from './evidence/verify-log.ts';
export type { LogVerification, TreeHead, VerifyLogOptions } from './evidence/verify-log.ts';

// signing
export { KeyBundleSigner } from './signing/key-signer.ts';
export { addTrustedKey, generateSigningKey, revokeTrustedKey, rotateTrustedKey, trustEntryOf } from './signing/key-lifecycle.ts';
export type { GeneratedKey } from './signing/key-lifecycle.ts';
export { KEY_ALGORITHMS, keyAlgorithm, keyIdOf, privateKeyFromPem, publicKeyFromPem } from './signing/keys.ts';
export type { KeyAlgorithm } from './signing/keys.ts';
export { proveRecord, verifyInclusionProof } from './signing/prove.ts';
export { fetchPublicTrustedRoot } from './signing/public-trusted-root.ts';
export { sealEvidence } from './signing/seal.ts';
export type { SealOptions, SealResult } from './signing/seal.ts';
export { SigstoreSigner } from './signing/sigstore-signer.ts';
export type { SigstoreSignerOptions } from './signing/sigstore-signer.ts';
export type { Signer, SignerIdentity, Verifier } from './signing/signer.ts';
export { EVIDENCE_PREDICATE_TYPE, IN_TOTO_PAYLOAD_TYPE, IN_TOTO_STATEMENT_TYPE, buildEvidenceStatement } from './signing/statement.ts';
export type { EvidencePredicate, EvidenceStatement, StatementSubject } from './signing/statement.ts';
export { KEY_STATUSES, assertKeyUsable, pinnedKey } from './signing/trusted-key.ts';
export { TRUST_ROOT_SCHEMA, emptyTrustRoot, isTrustRootFile, trustedKeysOf } from './signing/trust-root-file.ts';
export type { TrustRootEntry, TrustRootFile } from './signing/trust-root-file.ts';
export type { KeyStatus, TrustedKey } from './signing/trusted-key.ts';
export { SigstoreBundleVerifier, trustMaterialOf } from './signing/verify-bundle.ts';
export type { BundleTrust } from './signing/verify-bundle.ts';
export { verifyEvidence } from './signing/verify-evidence.ts';
export type { EvidenceReport, VerifyEvidenceOptions } from './signing/verify-evidence.ts';

// command analysis (parser, unwrapping, canonical forms)
export { createCommandAnalyzer } from './command/analyze.ts';
export type { CommandAnalyzer } from './command/analyze.ts';
export { loadCommandAnalyzer } from './command/load.ts';
export { tuneWasmForShortRuns, wasmTunedForShortRuns } from './command/wasm-flags.ts';
export { loadShellParser } from './command/parser.ts';
export type { ShellParserOptions } from './command/parser.ts';
export { loadedCommandAnalyzer } from './command/registry.ts';
export { structurePattern } from './command/pattern.ts';
export type { StructuredPattern } from './command/pattern.ts';
export type { CanonicalForm, CommandAnalysis, FileAccessFinding, GitPushFinding, Invocation, OpaqueFinding, OpaqueKind, Word } from './command/types.ts';

// the gate (composition root) and its provider-neutral report
export { UNREADABLE_RULE_ID, runGate } from './gate/run.ts';
export type { GateOptions, GateResult, GateStorage } from './gate/run.ts';
export { GATE_REPORT_FILES } from './report/files.ts';
export { GATE_MODES, buildGateReport, fileOf, isHeld } from './report/gate-report.ts';
export type { GateAnnotation, GateChange, GateConclusion, GateMode, GateReport, GateReportOptions } from './report/gate-report.ts';
export { displayText, neutraliseLogCommands } from './report/display-text.ts';
export { GITLAB_REPORT_FILES, nativeArtefacts } from './report/native-artefacts.ts';
export type { ArtefactFile, NativeArtefacts, NativeArtefactsOptions } from './report/native-artefacts.ts';
export { openLocalSigningKey } from './signing/local-key.ts';
export type { LocalSigningKey } from './signing/local-key.ts';

// the seam every CI edge calls: GateInputs → prepareGate → runGate → nativeArtefacts
export { PROVIDER_IDS, detectProvider, resolveProvider } from './gate/providers.ts';
export type { ProviderId } from './gate/providers.ts';
export type { GateEdges, GateInputs, GateRunnerAuthInputs, GateSigningInputs, GateStoreInputs } from './gate/inputs.ts';
export { prepareGate } from './gate/prepare.ts';
export type { PreparedGate } from './gate/prepare.ts';
export { relabelOptionError } from './gate/option-error.ts';
export { keylessSigner } from './gate/signing.ts';
export type { GateSigning, KeylessSigningInputs } from './gate/signing.ts';
export { tokenKeysOf } from './gate/runner-auth.ts';
export { prepareDecisionPolicy } from './catalog/prepare-policy.ts';
export type { PrepareDecisionPolicyOptions } from './catalog/prepare-policy.ts';
export type { ReviewApproval, ReviewContext } from './review/types.ts';

// approvals (provider-neutral rules over a change's reviews)
export { DEFAULT_AGENT_ACCOUNTS, agentAuthorsOf, isAgentAccount } from './review/agent-accounts.ts';
export { BREAK_GLASS_LABEL, breakGlassJustification, judgeApprovals } from './review/approvals.ts';
export type { ApprovalOutcome, JudgeApprovalsOptions } from './review/approvals.ts';
export { APPROVERS_FILE, parseApprovers } from './review/approvers-file.ts';
export type { ApproverGroup, ApproversFile } from './review/approvers-file.ts';
export { REVIEW_STATES } from './review/types.ts';
export type { LabelActor, ReviewState } from './review/types.ts';

// agent sessions
export { SESSION_FORMATS } from './session/types.ts';
export type { SessionFormat, SessionProblem, SessionRead } from './session/types.ts';
export { parseSessionText, readSessionFile } from './session/read-session.ts';
export { detectSessionFormat } from './session/detect-format.ts';
export { UNKNOWN_TOOL_ACTION, isInternalTool, mcpToolOf, toolCallRequests } from './session/tool-call.ts';
export type { AgentToolCall } from './session/tool-call.ts';
export { repositoryPath } from './session/paths.ts';
export type { PathScope } from './session/paths.ts';
export { mcpCommandDigest, mcpIdentityFields, normalizeMcpUrl } from './session/mcp-identity.ts';
export type { McpServerIdentity } from './session/mcp-identity.ts';
export { readHookEvidence } from './session/hook-evidence.ts';
export type { HookRecord } from './session/hook-evidence.ts';
export { UNMEDIATED_RULE_ID, mediateSession, unmediatedVerdict } from './session/mediation.ts';
export type { Mediation } from './session/mediation.ts';
export type { SessionReadOptions } from './session/types.ts';

// live hooks
export { HOOK_AGENTS } from './hook/protocol.ts';
export type { AgentHookProtocol, HookAgent, HookAnswer, HookEvent, HookOutcome } from './hook/protocol.ts';
export { hookProtocol } from './hook/agents.ts';
export { HOOK_UNKNOWN_TOOL_RULE_ID, decideHookRequests, failClosedAnswer, hookOutcome, readHookEvent } from './hook/decide-hook.ts';
export type { HookReading } from './hook/decide-hook.ts';
export { HOOK_TIMEOUT_SECONDS, planHookInstall } from './hook/install.ts';
export type { HookInstallPlan } from './hook/install.ts';
export { MCP_PIN_RULE_ID } from './decision/mcp.ts';
export type { McpServerPin } from './policy/registry.ts';
export { mediateSessions } from './session/mediate-sessions.ts';
export type { SessionsMediation } from './session/mediate-sessions.ts';

// the AI bill of materials of a run, and the release's own integrity
export { AIBOM_AGENT_KINDS } from './aibom/types.ts';
export type { AiBomAgent, AiBomAgentKind, AiBomInput, AiBomMcpServer, AiBomModel, AiBomPack, AiBomTool } from './aibom/types.ts';
export { AIBOM_FILE, CYCLONEDX_SPEC_VERSION, buildAiBom } from './aibom/build.ts';
export { writeAiBom } from './aibom/write.ts';
export type { AiBomContext, AiBomRun } from './aibom/write.ts';
export { readRegistryDetails } from './aibom/registry-details.ts';
export type { RegistryDetails } from './aibom/registry-details.ts';
export { aiBomFromEvidence } from './aibom/from-evidence.ts';
export { CAVRA_TOOL_NAME, CAVRA_VERSION } from './version.ts';
export { SHA256SUMS_FILE, checkSha256Sums, formatSha256Sums, parseSha256Sums } from './release/sha256sums.ts';
export type { Sha256Entry } from './release/sha256sums.ts';
export { checkRunningBundle, describeRunningTool } from './release/running-bundle.ts';
export type { BundleCheck } from './release/running-bundle.ts';
