/** The CI providers whose OIDC tokens CAVRA understands (upstream `runner_auth.identity.provider` values). */
export const RUNNER_PROVIDERS = ['github-actions', 'gitlab-ci', 'azure-pipelines'] as const;
export type RunnerProvider = (typeof RUNNER_PROVIDERS)[number];

/**
 * The verified identity of a CI run, normalised across providers (ci-providers.md §4 mapping table).
 *
 * A plain JSON object: every key is always present, `null` where the provider has no such claim,
 * so that evidence records have one shape whatever the provider. Ids are strings (stable across
 * renames); names are for people. It never holds the token.
 */
export interface RunnerIdentity {
  provider: RunnerProvider;
  /** `iss`, exactly as verified. */
  issuer: string;
  /** `sub`. */
  subject: string;
  /** `aud`, always as a list. */
  audience: string[];
  /** `jti`, for replay detection. */
  token_id: string | null;
  /** The JWKS key id that verified the signature. */
  key_id: string | null;
  /** The JWS algorithm that verified the signature. */
  algorithm: string;
  /** `iat` as an RFC 3339 UTC timestamp. */
  issued_at: string | null;
  /** `exp` as an RFC 3339 UTC timestamp. */
  expires_at: string;
  /** Stable owner id: GitHub `repository_owner_id`, GitLab `namespace_id`, Azure `org_id`. */
  org_id: string | null;
  /** Owner name: GitHub `repository_owner`, GitLab `namespace_path`, Azure organisation from `sub`. */
  org: string | null;
  /** Azure DevOps team project id (`prj_id`); `null` elsewhere, where the project is the repository. */
  project_id: string | null;
  /** Stable repository id: GitHub `repository_id`, GitLab `project_id`, Azure `rpo_id`. */
  repository_id: string | null;
  /** Repository name: GitHub `repository`, GitLab `project_path`, Azure from `rpo_uri`. */
  repository: string | null;
  /** Full git ref: GitHub `ref`, GitLab `ref_path`, Azure `rpo_ref`. */
  ref: string | null;
  /** `branch` or `tag` where known. */
  ref_type: string | null;
  /** Whether the ref is protected (GitLab `ref_protected`); `null` when the token does not say. */
  ref_protected: boolean | null;
  /** Commit: GitHub `sha`, GitLab `sha`, Azure `rpo_ver`. */
  sha: string | null;
  /** Workflow or pipeline name: GitHub `workflow`, Azure pipeline name from `sub`. */
  workflow: string | null;
  /** The calling workflow or pipeline definition: GitHub `workflow_ref`, GitLab `ci_config_ref_uri`, Azure `def_id`. */
  workflow_ref: string | null;
  /** The workflow file that ran this job: GitHub `job_workflow_ref`, GitLab `ci_config_ref_uri`, Azure `def_id`. */
  job_workflow_ref: string | null;
  /** Commit of that workflow file: GitHub `job_workflow_sha`, GitLab `ci_config_sha`. */
  job_workflow_sha: string | null;
  /** Run: GitHub `run_id`, GitLab `pipeline_id`, Azure `run_id`. */
  run_id: string | null;
  /** GitHub `run_attempt`. */
  run_attempt: string | null;
  /** Job: GitHub `check_run_id`, GitLab `job_id`. */
  job_id: string | null;
  /** Who triggered it: GitHub `actor`, GitLab `user_login`. */
  actor: string | null;
  /** Stable actor id: GitHub `actor_id`, GitLab `user_id`. */
  actor_id: string | null;
  /** Trigger: GitHub `event_name`, GitLab `pipeline_source`. */
  event: string | null;
  /** Deployment environment, where the job targets one. */
  environment: string | null;
  /** `github-hosted`, `gitlab-hosted` or `self-hosted`, where the token says. */
  runner_environment: string | null;
  /** GitLab `runner_id`. */
  runner_id: string | null;
}
