import { CavraError } from '../../errors.ts';
import type { RunnerProvider } from '../runner-identity.ts';
import { AZURE_CLAIMS } from './azure.ts';
import type { ClaimMapper, TokenClaims } from './claim-reader.ts';
import { GITHUB_CLAIMS } from './github.ts';
import { GITLAB_CLAIMS } from './gitlab.ts';

/** One claim mapping per provider, in detection order. */
export const CLAIM_MAPPERS: Readonly<Record<RunnerProvider, ClaimMapper>> = {
  'github-actions': GITHUB_CLAIMS,
  'gitlab-ci': GITLAB_CLAIMS,
  'azure-pipelines': AZURE_CLAIMS,
};

/** The mapper for a named provider, or the one whose claims these look like. */
export function claimMapperFor(claims: TokenClaims, provider?: RunnerProvider): ClaimMapper {
  if (provider !== undefined) return CLAIM_MAPPERS[provider];
  const found = Object.values(CLAIM_MAPPERS).find((mapper) => mapper.matches(claims));
  if (!found) {
    throw new CavraError('ERR_TOKEN_CLAIM_INVALID', 'token claims match no supported ci provider (github actions, gitlab ci, azure pipelines)', {
      hint: 'use an oidc token issued to a ci job',
      details: { claim: 'provider' },
    });
  }
  return found;
}
