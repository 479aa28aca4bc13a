/** The CI providers, in one vocabulary everywhere (flags, inputs, records, reports). */
export const PROVIDER_IDS = ['local', 'github', 'gitlab', 'azure'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];
