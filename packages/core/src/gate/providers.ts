// The CI providers, in one vocabulary everywhere (flags, inputs, records, reports), and the one
// place that tells from the environment which provider runs this job.

export const PROVIDER_IDS = ['local', 'github', 'gitlab', 'azure'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

type Env = Readonly<Record<string, string | undefined>>;

// Each CI sets one variable that only it sets; `local` is what remains.
const DETECT: ReadonlyArray<readonly [ProviderId, (env: Env) => boolean]> = [
  ['github', (env) => env.GITHUB_ACTIONS === 'true'],
  ['gitlab', (env) => env.GITLAB_CI === 'true'],
  ['azure', (env) => env.TF_BUILD?.toLowerCase() === 'true'],
];

/** The provider running this job, from its environment; `local` outside CI. */
export function detectProvider(env: Env): ProviderId {
  return DETECT.find(([, detect]) => detect(env))?.[0] ?? 'local';
}

/** `auto` resolved through {@link detectProvider}; any other id as given. */
export function resolveProvider(requested: ProviderId | 'auto', env: Env): ProviderId {
  return requested === 'auto' ? detectProvider(env) : requested;
}
