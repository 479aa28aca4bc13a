import { booleanClaim, optionalClaim, requiredClaim, type ClaimMapper } from './claim-reader.ts';

const PROVIDER = 'github-actions';

// GitHub Actions OIDC claims: https://docs.github.com/en/actions/reference/security/oidc
/** GitHub Actions: ids from `repository_id`/`repository_owner_id`, the job's workflow from `job_workflow_ref`. */
export const GITHUB_CLAIMS: ClaimMapper = {
  provider: PROVIDER,
  matches: (claims) => 'repository_owner_id' in claims || 'job_workflow_ref' in claims,
  toIdentity: (claims) => ({
    provider: PROVIDER,
    org_id: requiredClaim(claims, 'repository_owner_id', PROVIDER),
    org: optionalClaim(claims, 'repository_owner'),
    project_id: null,
    repository_id: requiredClaim(claims, 'repository_id', PROVIDER),
    repository: requiredClaim(claims, 'repository', PROVIDER),
    ref: requiredClaim(claims, 'ref', PROVIDER),
    ref_type: optionalClaim(claims, 'ref_type'),
    ref_protected: booleanClaim(claims, 'ref_protected'),
    sha: requiredClaim(claims, 'sha', PROVIDER),
    workflow: optionalClaim(claims, 'workflow'),
    workflow_ref: requiredClaim(claims, 'workflow_ref', PROVIDER),
    job_workflow_ref: requiredClaim(claims, 'job_workflow_ref', PROVIDER),
    job_workflow_sha: optionalClaim(claims, 'job_workflow_sha'),
    run_id: requiredClaim(claims, 'run_id', PROVIDER),
    run_attempt: optionalClaim(claims, 'run_attempt'),
    job_id: optionalClaim(claims, 'check_run_id'),
    actor: optionalClaim(claims, 'actor'),
    actor_id: optionalClaim(claims, 'actor_id'),
    event: optionalClaim(claims, 'event_name'),
    environment: optionalClaim(claims, 'environment'),
    runner_environment: optionalClaim(claims, 'runner_environment'),
    runner_id: null,
  }),
};
