import { booleanClaim, optionalClaim, requiredClaim, type ClaimMapper, type TokenClaims } from './claim-reader.ts';

const PROVIDER = 'gitlab-ci';

// GitLab ID token claims: https://docs.gitlab.com/ci/secrets/id_token_authentication/
/** GitLab CI/CD `id_tokens`: ids from `namespace_id`/`project_id`, the pipeline config from `ci_config_ref_uri`. */
export const GITLAB_CLAIMS: ClaimMapper = {
  provider: PROVIDER,
  matches: (claims) => 'project_id' in claims || 'pipeline_id' in claims,
  toIdentity: (claims) => {
    const configRef = optionalClaim(claims, 'ci_config_ref_uri');
    return {
      provider: PROVIDER,
      org_id: requiredClaim(claims, 'namespace_id', PROVIDER),
      org: optionalClaim(claims, 'namespace_path'),
      project_id: null,
      repository_id: requiredClaim(claims, 'project_id', PROVIDER),
      repository: requiredClaim(claims, 'project_path', PROVIDER),
      ref: refPathOf(claims),
      ref_type: requiredClaim(claims, 'ref_type', PROVIDER),
      ref_protected: booleanClaim(claims, 'ref_protected'),
      sha: requiredClaim(claims, 'sha', PROVIDER),
      workflow: null,
      workflow_ref: configRef,
      job_workflow_ref: configRef,
      job_workflow_sha: optionalClaim(claims, 'ci_config_sha'),
      run_id: requiredClaim(claims, 'pipeline_id', PROVIDER),
      run_attempt: null,
      job_id: requiredClaim(claims, 'job_id', PROVIDER),
      actor: optionalClaim(claims, 'user_login'),
      actor_id: optionalClaim(claims, 'user_id'),
      event: optionalClaim(claims, 'pipeline_source'),
      environment: optionalClaim(claims, 'environment'),
      runner_environment: optionalClaim(claims, 'runner_environment'),
      runner_id: optionalClaim(claims, 'runner_id'),
    };
  },
};

// `ref_path` exists since GitLab 16.0; older instances send only `ref` (a short name) and `ref_type`.
function refPathOf(claims: TokenClaims): string {
  const refPath = optionalClaim(claims, 'ref_path');
  if (refPath !== null) return refPath;
  const ref = requiredClaim(claims, 'ref', PROVIDER);
  const type = requiredClaim(claims, 'ref_type', PROVIDER);
  return type === 'tag' ? `refs/tags/${ref}` : `refs/heads/${ref}`;
}
