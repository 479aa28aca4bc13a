// Curated public API of @cavra/core, grouped by concern.

// errors
export { CAVRA_ERROR_CODES, CavraError, isCavraError, isUserInputError } from './errors.ts';
export type { CavraErrorCode, CavraErrorOptions } from './errors.ts';

// decisions
export { ACTION_TYPES, APPROVER_GROUPS, DECISIONS, DEFAULT_PACK_ID, SEVERITIES } from './decision/types.ts';
export type { ActionRequest, ActionType, DecisionContext, DecisionRecord, DecisionValue, RuleMatch, Severity, Verdict } from './decision/types.ts';
export { evaluate, selectPackId } from './decision/evaluate.ts';
export type { DecisionPolicy } from './decision/evaluate.ts';
export { assertActionRequest } from './decision/request.ts';
export { isStricter, permitsAction } from './decision/precedence.ts';
export { systemDecisionContext } from './system-context.ts';

// policy packs
export { compilePack } from './policy/compile.ts';
export type { CompiledPack, CompiledRule } from './policy/compile.ts';
export { globToRegExp } from './policy/glob.ts';
export { normalizeFilePath } from './policy/path.ts';
export { parsePack } from './policy/parse.ts';
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
