// INTERIM until the seam's prepareGate() lands on main (issue 10): just enough of it for the
// Action's tests (key signing, packs, sessions). Delete when merging main.
import {
  DEFAULT_ORIGIN,
  GATE_DEFAULT_PACK_ID,
  KeyBundleSigner,
  compilePolicy,
  loadCommandAnalyzer,
  noteSignerFromKey,
  openLocalSigningKey,
  openPolicy,
  pinnedKey,
  readSessionFile,
  selectPackId,
  systemDecisionContext,
  workspacePathResolver,
  type ActionRequest,
  type GateEdges,
  type GateInputs,
  type GateMode,
  type GateOptions,
} from '@cavra/core';
import { join } from 'node:path';

export async function prepareGate(inputs: GateInputs, edges: GateEdges): Promise<GateOptions> {
  const requests: ActionRequest[] = [...(inputs.requests ?? [])];
  for (const session of inputs.sessions) {
    const read = await readSessionFile(session);
    requests.push(...read.requests);
    for (const problem of read.problems) requests.push({ action_type: 'cavra.request.invalid', target: `${problem.file}:${problem.line}` });
  }
  const open = openPolicy({ packs: inputs.packs.length > 0 ? inputs.packs : [GATE_DEFAULT_PACK_ID], policyDirs: inputs.policyDirs, ...(inputs.registryFile ? { registryFile: inputs.registryFile } : {}) });
  const policy = compilePolicy(open, new Set(requests.map((request) => selectPackId(request, open.defaultPackId))));
  if (requests.some((request) => request.action_type === 'execute_command')) await loadCommandAnalyzer();
  if (inputs.signing.kind !== 'key') throw new Error('interim prepareGate: keyless signing needs the seam from main');
  const key = openLocalSigningKey(inputs.signing.keyFile);
  const context = systemDecisionContext();
  return {
    policy: { ...policy, defaultPackId: open.defaultPackId, resolvePath: workspacePathResolver(edges.cwd) },
    requests,
    mode: inputs.mode as GateMode,
    evidenceDir: inputs.evidenceDir ?? join(edges.cwd, '.cavra', 'runs', 'x'),
    signer: new KeyBundleSigner(key.privateKey),
    noteSigner: noteSignerFromKey(DEFAULT_ORIGIN, key.privateKey),
    trust: { trustedKeys: [pinnedKey(key.publicKey)] },
    context,
    ...(edges.progress ? { progress: edges.progress } : {}),
  };
}
