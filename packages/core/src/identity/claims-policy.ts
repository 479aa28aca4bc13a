import { CavraError } from '../errors.ts';
import { RUNNER_PROVIDERS, type RunnerIdentity } from './runner-identity.ts';

/**
 * Which runs may act, by verified claims. Every list that is present must contain the identity's
 * value (a `null` value never matches); absent lists allow anything. `refs` and `workflow_refs`
 * entries ending in `*` match by prefix (`refs/heads/release/*`).
 */
export interface RunnerClaimsPolicy {
  issuers?: string[];
  providers?: string[];
  org_ids?: string[];
  /** Stable repository ids (GitHub `repository_id`, GitLab `project_id`, Azure `rpo_id`); names can be reused, ids cannot. */
  repository_ids?: string[];
  refs?: string[];
  /** Matched against `job_workflow_ref` (GitHub), `ci_config_ref_uri` (GitLab) or the pipeline `def_id` (Azure). */
  workflow_refs?: string[];
  environments?: string[];
}

/** Each policy key and the identity field it constrains. */
export const CLAIMS_POLICY_FIELDS = {
  issuers: 'issuer',
  providers: 'provider',
  org_ids: 'org_id',
  repository_ids: 'repository_id',
  refs: 'ref',
  workflow_refs: 'job_workflow_ref',
  environments: 'environment',
} as const satisfies Record<keyof RunnerClaimsPolicy, keyof RunnerIdentity>;

const PREFIX_KEYS: ReadonlySet<string> = new Set(['refs', 'workflow_refs']);

/** Checks a parsed claims-policy document (JSON or a gate-config section) and returns it typed. */
export function parseRunnerClaimsPolicy(value: unknown, source: string): RunnerClaimsPolicy {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(source, 'must be an object');
  const policy: RunnerClaimsPolicy = {};
  for (const [key, list] of Object.entries(value)) {
    if (!Object.hasOwn(CLAIMS_POLICY_FIELDS, key)) throw invalid(source, `has unknown key \`${key}\``, `allowed keys: ${Object.keys(CLAIMS_POLICY_FIELDS).join(', ')}`);
    if (!Array.isArray(list) || list.length === 0 || !list.every((item) => typeof item === 'string' && item !== '')) {
      throw invalid(source, `\`${key}\` must be a non-empty list of non-empty strings`);
    }
    if (key === 'providers') {
      const unknown = list.find((item) => !(RUNNER_PROVIDERS as readonly string[]).includes(item));
      if (unknown !== undefined) throw invalid(source, `names unknown provider \`${unknown}\``, `providers: ${RUNNER_PROVIDERS.join(', ')}`);
    }
    policy[key as keyof RunnerClaimsPolicy] = [...list];
  }
  return policy;
}

/** Throws `ERR_TOKEN_CLAIM_INVALID` (details `{claim}`) when a verified identity is outside the policy. */
export function assertRunnerClaimsPolicy(identity: RunnerIdentity, policy: RunnerClaimsPolicy): void {
  for (const [key, field] of Object.entries(CLAIMS_POLICY_FIELDS) as [keyof RunnerClaimsPolicy, keyof RunnerIdentity][]) {
    const allowed = policy[key];
    if (allowed === undefined) continue;
    const value = identity[field];
    if (typeof value === 'string' && allowed.some((pattern) => matches(pattern, value, PREFIX_KEYS.has(key)))) continue;
    throw new CavraError(
      'ERR_TOKEN_CLAIM_INVALID',
      value === null ? `runner token has no \`${field}\`, which the claims policy requires` : `runner \`${field}\` \`${String(value)}\` is not allowed by the claims policy`,
      { hint: `allowed ${key}: ${allowed.join(', ')}`, details: { claim: field, policy: key } },
    );
  }
}

function matches(pattern: string, value: string, prefixAllowed: boolean): boolean {
  return prefixAllowed && pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern;
}

function invalid(source: string, what: string, hint?: string): CavraError {
  return new CavraError('ERR_CONFIG_INVALID', `claims policy \`${source}\` ${what}`, { hint, details: { source } });
}
