import type { PolicyOptions } from '@cavra/core';

/** The flags every verb that decides shares. */
export const policyFlags = {
  pack: { type: 'string', multiple: true },
  'policy-dir': { type: 'string', multiple: true },
  registry: { type: 'string' },
} as const;

export function policyOptionsOf(values: { pack?: string[] | undefined; 'policy-dir'?: string[] | undefined; registry?: string | undefined }): PolicyOptions {
  return {
    packs: values.pack ?? [],
    policyDirs: values['policy-dir'] ?? [],
    ...(values.registry !== undefined ? { registryFile: values.registry } : {}),
  };
}
