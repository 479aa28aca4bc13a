// INTERIM, until the seam's `prepareGate()` lands on main (issue 10): the smallest composition of
// GateInputs into GateOptions the task's tests need (key signing, sessions, packs, store). It is
// replaced by core's `prepareGate` at merge, and holds no decision logic of its own.
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  CavraError,
  DEFAULT_ORIGIN,
  DEFAULT_RETENTION,
  GATE_DEFAULT_PACK_ID,
  GATE_MODES,
  KeyBundleSigner,
  compilePolicy,
  loadCommandAnalyzer,
  noteSignerFromKey,
  openEvidenceStore,
  openLocalSigningKey,
  openPolicy,
  pinnedKey,
  planRetention,
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

export async function prepareGate(inputs: GateInputs, edges: GateEdges): Promise<GateOptions> {
  if (!(GATE_MODES as readonly string[]).includes(inputs.mode)) {
    throw new CavraError('ERR_USAGE', `\`mode\` must be one of ${GATE_MODES.join(', ')}, got \`${inputs.mode}\``, { details: { option: 'mode' } });
  }
  const at = (path: string) => (isAbsolute(path) ? path : join(edges.cwd, path));
  const requests: ActionRequest[] = [...(inputs.requests ?? [])];
  for (const file of inputs.sessions) {
    const read = await readSessionFile(at(file));
    if (read.problems.length > 0) {
      const problem = read.problems[0]!;
      throw new CavraError('ERR_REQUEST_INVALID', `cannot read \`${file}\` line ${problem.line}`, { details: { option: 'sessions' } });
    }
    requests.push(...read.requests.map(({ policy_pack, ...rest }) => (policy_pack === undefined ? rest : { ...rest, requested_policy_pack: policy_pack })));
  }
  const open = openPolicy({ packs: inputs.packs.length > 0 ? inputs.packs : [GATE_DEFAULT_PACK_ID], policyDirs: inputs.policyDirs, ...(inputs.registryFile ? { registryFile: inputs.registryFile } : {}) });
  const compiled = compilePolicy(open, new Set(requests.map((request) => selectPackId(request, open.defaultPackId))));
  if (requests.some((request) => request.action_type === 'execute_command')) await loadCommandAnalyzer();
  if (inputs.signing.kind !== 'key') throw new CavraError('ERR_USAGE', 'keyless signing needs the seam (prepareGate) from main');
  if (!inputs.signing.create && !existsSync(at(inputs.signing.keyFile))) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read the signing key \`${inputs.signing.keyFile}\``, { hint: 'give a PEM private key or the path of one', details: { option: 'signing' } });
  }
  const key = openLocalSigningKey(at(inputs.signing.keyFile));
  const context = systemDecisionContext();
  const now = context.now();
  const store = inputs.store ? await openEvidenceStore(inputs.store.uri, { env: edges.env, ...(inputs.store.endpoint ? { endpoint: inputs.store.endpoint } : {}) }) : undefined;
  return {
    policy: { ...compiled, defaultPackId: open.defaultPackId, resolvePath: workspacePathResolver(edges.cwd) },
    requests,
    mode: inputs.mode as GateMode,
    evidenceDir: inputs.evidenceDir ?? join(edges.cwd, '.cavra', 'runs', now.toISOString().replace(/[:.]/g, '-')),
    signer: new KeyBundleSigner(key.privateKey),
    noteSigner: noteSignerFromKey(DEFAULT_ORIGIN, key.privateKey),
    trust: { trustedKeys: [pinnedKey(key.publicKey)] },
    ...(store
      ? {
          storage: {
            store,
            retention: planRetention(now, inputs.store?.retainDays === undefined ? DEFAULT_RETENTION.days : Number(inputs.store.retainDays), DEFAULT_RETENTION.mode, false),
            allowMutable: inputs.store?.allowMutable === true || inputs.store?.uri.startsWith('file://') === true,
          },
        }
      : {}),
    context,
    ...(edges.progress ? { progress: edges.progress } : {}),
  };
}
