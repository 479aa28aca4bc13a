// `cavra gate`: a thin edge. Flags → GateInputs → prepareGate → runGate → the provider's native
// artefacts and a human summary. No signing, auth, storage or provider logic of its own.
import { mkdir, appendFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CavraError,
  DEFAULT_RETENTION,
  isCavraError,
  nativeArtefacts,
  neutraliseLogCommands,
  prepareGate,
  relabelOptionError,
  resolveProvider,
  runGate,
  type GateInputs,
  type GateResult,
  type PreparedGate,
  type ProviderId,
} from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';
import { reportToGitlab, withGitlabChange } from './gate-gitlab.ts';
import { keylessFlags } from './keyless.ts';
import { policyFlags } from './policy-flags.ts';

const DEFAULT_KEY = join('.cavra', 'keys', 'local-signing-key.pem');
const DEFAULT_STORE = 'file://.cavra/store';

const gateFlags = {
  ...policyFlags,
  provider: { type: 'string', default: 'auto' },
  session: { type: 'string', multiple: true },
  evidence: { type: 'string' },
  store: { type: 'string', default: DEFAULT_STORE },
  mode: { type: 'string', default: 'enforce' },
  key: { type: 'string' },
  keyless: { type: 'boolean', default: false },
  ...keylessFlags,
  'trust-root': { type: 'string' },
  'certificate-identity': { type: 'string' },
  'certificate-oidc-issuer': { type: 'string' },
  'retain-days': { type: 'string' },
  'retention-mode': { type: 'string', default: DEFAULT_RETENTION.mode },
  'allow-mutable': { type: 'boolean', default: false },
  endpoint: { type: 'string' },
  json: { type: 'boolean', default: false },
  'reports-dir': { type: 'string', default: '.' },
  // Runner authentication: with `--issuer`, the run's OIDC token must verify, or every action is blocked.
  issuer: { type: 'string' },
  audience: { type: 'string' },
  jwks: { type: 'string' },
  'jwks-url': { type: 'string' },
  discover: { type: 'boolean', default: false },
  'token-file': { type: 'string' },
  claims: { type: 'string' },
} as const;

// The flag that sets each option of GateInputs, so core's errors name what the user typed.
const FLAG_OF: Readonly<Record<string, string>> = {
  provider: '--provider',
  mode: '--mode',
  sessions: '--session',
  packs: '--pack',
  'signing.keyFile': '--key',
  'signing.certificateIdentity': '--certificate-identity',
  'signing.certificateIssuer': '--certificate-oidc-issuer',
  'signing.trustRootFile': '--trust-root',
  'signing.rekorEntryType': '--rekor-entry-type',
  'signing.identityTokenFile': '--identity-token-file',
  'runnerAuth.issuer': '--issuer',
  'runnerAuth.audience': '--audience',
  'runnerAuth.jwksFile': '--jwks',
  'runnerAuth.claimsFile': '--claims',
  'store.uri': '--store',
  'store.retainDays': '--retain-days',
  'store.retentionMode': '--retention-mode',
};

type GateValues = ReturnType<typeof parseGateFlags>;

function parseGateFlags(args: string[]) {
  return parseArgs({ args, strict: true, options: gateFlags }).values;
}

export const gateCommand: Command = async (args, io) => {
  const values = parseGateFlags(args);
  const progress = (message: string) => io.stderr.write(`cavra: ${message}\n`);
  let gate: PreparedGate;
  let result: GateResult;
  try {
    if (values.keyless && values.key !== undefined) throw new CavraError('ERR_USAGE', 'give `--key PEM` or `--keyless`, not both');
    let inputs = gateInputsOf(values);
    // Outside a merge request pipeline this adds nothing; `--provider` is validated by prepareGate.
    if (values.provider === 'gitlab' || (values.provider === 'auto' && resolveProvider('auto', process.env) === 'gitlab')) inputs = await withGitlabChange(inputs, process.env, process.cwd(), progress);
    gate = await prepareGate(inputs, { env: process.env, fetch: globalThis.fetch, cwd: process.cwd(), progress, ...(process.argv[1] ? { entryFile: process.argv[1] } : {}) });
    result = await runGate(gate);
  } catch (error) {
    throw isCavraError(error) ? relabelOptionError(error, (option) => (FLAG_OF[option] ? `\`${FLAG_OF[option]}\`` : undefined)) : error;
  }

  const native = nativeArtefacts(gate.provider, result, { env: process.env, reportsDir: gate.reportsDir });
  for (const file of native.files) {
    await mkdir(dirname(file.path), { recursive: true });
    await (file.append ? appendFile : writeFile)(file.path, file.content);
    if (!file.append) progress(`wrote ${file.path}${file.purpose ? ` (${file.purpose})` : ''}`);
  }
  if (gate.provider === 'gitlab') await reportToGitlab(result, gate.reportsDir, process.env, progress);
  // Runner commands would corrupt `--json` output; the summary and outputs still carry the result.
  const text = values.json ? jsonReport(gate.provider, result) : `${native.stdout}${humanReport(gate, result)}`;
  await writeAll(io.stdout, text);
  return result.report.conclusion === 'failure' ? EXIT.failed : EXIT.ok;
};

function gateInputsOf(values: GateValues): GateInputs {
  return {
    provider: values.provider as GateInputs['provider'],
    mode: values.mode,
    packs: values.pack ?? [],
    policyDirs: values['policy-dir'] ?? [],
    ...(values.registry !== undefined ? { registryFile: values.registry } : {}),
    sessions: values.session ?? [],
    signing: values.keyless
      ? {
          kind: 'keyless',
          certificateIdentity: values['certificate-identity'] ?? '',
          certificateIssuer: values['certificate-oidc-issuer'] ?? '',
          ...(values['trust-root'] !== undefined ? { trustRootFile: values['trust-root'] } : {}),
          ...(values['fulcio-url'] !== undefined ? { fulcioUrl: values['fulcio-url'] } : {}),
          ...(values['rekor-url'] !== undefined ? { rekorUrl: values['rekor-url'] } : {}),
          ...(values['tsa-url'] !== undefined ? { tsaUrl: values['tsa-url'] } : {}),
          ...(values['rekor-entry-type'] !== undefined ? { rekorEntryType: values['rekor-entry-type'] as 'dsse' } : {}),
          ...(values['identity-token-file'] !== undefined ? { identityTokenFile: values['identity-token-file'] } : {}),
        }
      : { kind: 'key', keyFile: values.key ?? DEFAULT_KEY, create: true },
    ...(values.issuer !== undefined
      ? {
          runnerAuth: {
            issuer: values.issuer,
            audience: values.audience ?? '',
            ...(values.jwks !== undefined ? { jwksFile: values.jwks } : {}),
            ...(values['jwks-url'] !== undefined ? { jwksUrl: values['jwks-url'] } : {}),
            discover: values.discover,
            ...(values['token-file'] !== undefined ? { tokenFile: values['token-file'] } : {}),
            ...(values.claims !== undefined ? { claimsFile: values.claims } : {}),
          },
        }
      : {}),
    store: {
      uri: values.store,
      ...(values.endpoint !== undefined ? { endpoint: values.endpoint } : {}),
      ...(values['retain-days'] !== undefined ? { retainDays: values['retain-days'] } : {}),
      retentionMode: values['retention-mode'],
      allowMutable: values['allow-mutable'],
    },
    ...(values.evidence !== undefined ? { evidenceDir: values.evidence } : {}),
    reportsDir: values['reports-dir'],
  };
}

function jsonReport(provider: ProviderId, result: GateResult): string {
  const where = { evidence: result.evidenceDir, bundle: result.bundlePath, store: result.receipt?.uri ?? null, immutable: result.receipt?.immutable ?? null };
  return `${JSON.stringify({ provider, conclusion: result.report.conclusion, counts: result.report.counts, ...where, decisions: result.decisions }, null, 2)}\n`;
}

function humanReport(gate: PreparedGate, result: GateResult): string {
  const { trustedKeyFile, trustRootFile, certificateIdentity, certificateIssuer } = gate.verifyWith;
  const verifyArgs = certificateIdentity
    ? `--trust-root ${trustRootFile ?? 'trusted_root.json'} --certificate-identity ${certificateIdentity} --certificate-oidc-issuer ${certificateIssuer}`
    : `--trusted-key ${trustedKeyFile ?? 'PUBLIC_KEY.pem'}`;
  const stored = result.receipt
    ? `${result.receipt.uri}${result.receipt.immutable ? '' : result.receipt.uri.startsWith('file://') ? ' (a local folder: mutable, for trying cavra out; use S3 Object Lock or Azure immutable Blob in CI)' : ' (mutable: the store proved no retention)'}`
    : '(not stored)';
  const shadow = gate.mode === 'shadow' ? 'mode:     shadow (nothing held back; `--mode enforce` makes this a required check)\n' : '';
  // The summary carries agent text: printed into a CI log, it must never read as a runner command.
  return `${neutraliseLogCommands(result.report.summary)}${shadow}evidence: ${result.evidenceDir}\nbundle:   ${result.bundlePath}\nstored:   ${stored}\nverify:   npx cavra verify ${result.evidenceDir} ${verifyArgs} --expect-size ${result.verification.tree_size}\n`;
}
