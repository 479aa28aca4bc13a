import { CavraError } from '../../errors.ts';
import { optionalClaim, refTypeOf, requiredClaim, type ClaimMapper, type TokenClaims } from './claim-reader.ts';

const PROVIDER = 'azure-pipelines';

// Azure Pipelines pipeline token (ci-providers.md §3.6): `sub` = `p://{org}/{project}/{pipeline}`.
// The JWKS is shared by every organisation, so the issuer (which ends in the org id) must name
// the same organisation as `org_id`; the verifier already pinned the issuer exactly.
/** Azure Pipelines pipeline tokens: ids from `org_id`/`prj_id`/`rpo_id`, the pipeline from `def_id`. */
export const AZURE_CLAIMS: ClaimMapper = {
  provider: PROVIDER,
  matches: (claims) => 'prj_id' in claims || 'org_id' in claims || /^(p|sc):\/\//.test(String(claims.sub)),
  toIdentity: (claims) => {
    const subject = pipelineSubject(claims);
    const orgId = requiredClaim(claims, 'org_id', PROVIDER);
    if (!String(claims.iss).endsWith(`/${orgId}`)) {
      throw new CavraError('ERR_TOKEN_CLAIM_INVALID', 'token `org_id` does not match the organisation in its issuer', {
        hint: 'azure pipelines shares one jwks across organisations; configure the issuer of your own organisation',
        details: { claim: 'org_id', provider: PROVIDER },
      });
    }
    const definition = requiredClaim(claims, 'def_id', PROVIDER);
    const ref = requiredClaim(claims, 'rpo_ref', PROVIDER);
    return {
      provider: PROVIDER,
      org_id: orgId,
      org: subject.org,
      project_id: requiredClaim(claims, 'prj_id', PROVIDER),
      repository_id: optionalClaim(claims, 'rpo_id'),
      repository: repositoryName(optionalClaim(claims, 'rpo_uri')),
      ref,
      ref_type: refTypeOf(ref),
      ref_protected: null,
      sha: requiredClaim(claims, 'rpo_ver', PROVIDER),
      workflow: subject.pipeline,
      workflow_ref: definition,
      job_workflow_ref: definition,
      job_workflow_sha: null,
      run_id: requiredClaim(claims, 'run_id', PROVIDER),
      run_attempt: null,
      job_id: null,
      actor: null,
      actor_id: null,
      event: null,
      environment: null,
      runner_environment: null,
      runner_id: null,
    };
  },
};

function pipelineSubject(claims: TokenClaims): { org: string; pipeline: string } {
  const match = /^p:\/\/([^/]+)\/([^/]+)\/(.+)$/.exec(String(claims.sub));
  if (!match) {
    throw new CavraError('ERR_TOKEN_CLAIM_INVALID', 'token `sub` is not an azure pipelines pipeline subject (`p://org/project/pipeline`)', {
      hint: 'service connection tokens carry no pipeline or repository claims; request the token without a service connection',
      details: { claim: 'sub', provider: PROVIDER },
    });
  }
  return { org: match[1]!, pipeline: match[3]! };
}

// `https://dev.azure.com/org/project/_git/repo` → `org/project/repo`; `https://github.com/o/r` → `o/r`.
function repositoryName(uri: string | null): string | null {
  if (uri === null) return null;
  try {
    const path = new URL(uri).pathname.replace(/^\/+|\/+$/g, '').replace('/_git/', '/');
    return path === '' ? uri : path;
  } catch {
    return uri;
  }
}
