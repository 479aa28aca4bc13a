import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CavraError,
  DEFAULT_ORIGIN,
  DEFAULT_RETENTION,
  fetchPublicTrustedRoot,
  GATE_MODES,
  GATE_REPORT_FILES,
  renderAzureCommands,
  renderCodeQuality,
  renderGitHubCommands,
  renderJUnit,
  authenticateRunner,
  isCavraError,
  parseRunnerClaimsPolicy,
  runnerAuthVerdict,
  runnerTokenSource,
  KeyBundleSigner,
  RETENTION_MODES,
  noteSignerFromKey,
  openEvidenceStore,
  openLocalSigningKey,
  pinnedKey,
  planRetention,
  runGate,
  systemDecisionContext,
  type ActionRequest,
  type GateMode,
  type GateOptions,
  type GateResult,
  type RetentionMode,
  type RunnerAuthResult,
} from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';
import { readRequests } from '../read-requests.ts';
import { policyFlags, policyOptionsOf, prepareDecisionPolicy } from './policy-flags.ts';
import { readJsonFile, tokenKeysOf } from './token-keys.ts';
import { keylessFlags, keylessSigner, type KeylessValues } from './keyless.ts';
import { readJsonObject } from '../read-input.ts';

const PROVIDERS = ['auto', 'local', 'github', 'gitlab', 'azure'] as const;
const DEFAULT_KEY = join('.cavra', 'keys', 'local-signing-key.pem');
const DEFAULT_STORE = 'file://.cavra/store';

/** `cavra gate`: decide, record, seal, verify and store one run, and report it. */
export const gateCommand: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
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
    },
  });
  const provider = resolveProvider(oneOf(values.provider, PROVIDERS, '--provider'), process.env);
  const mode = oneOf(values.mode, GATE_MODES, '--mode') as GateMode;
  const retentionMode = oneOf(values['retention-mode'], RETENTION_MODES, '--retention-mode') as RetentionMode;
  const sessions = values.session ?? [];
  if (sessions.length === 0) throw new CavraError('ERR_USAGE', 'give at least one `--session FILE` of agent actions (JSON Lines, one request a line)');

  const requests: ActionRequest[] = [];
  for (const session of sessions) requests.push(...(await readRequests(session, io.stdin)));
  const policy = await prepareDecisionPolicy(policyOptionsOf(values), requests);

  const context = systemDecisionContext();
  const progress = (message: string) => io.stderr.write(`cavra: ${message}\n`);
  if (values.keyless && values.key !== undefined) throw new CavraError('ERR_USAGE', 'give `--key PEM` or `--keyless`, not both');
  const signing = values.keyless ? await keylessSigning(values) : localSigning(values.key ?? DEFAULT_KEY, progress);
  const runnerAuth = values.issuer === undefined ? undefined : await authenticateThisRunner(values, context.now);
  if (runnerAuth) progress(runnerAuth.ok ? `runner authenticated: ${runnerAuth.identity.provider} ${runnerAuth.identity.subject}` : `runner authentication failed: ${runnerAuth.error.message}`);
  const store = await openEvidenceStore(values.store, { env: process.env, ...(values.endpoint ? { endpoint: values.endpoint } : {}) });
  const now = context.now();
  const evidenceDir = values.evidence ?? join('.cavra', 'runs', `${now.toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`);

  const result = await runGate({
    policy,
    requests,
    mode,
    evidenceDir,
    ...signing.gate,
    ...(runnerAuth ? { runnerAuth } : {}),
    storage: {
      store,
      retention: planRetention(now, values['retain-days'] === undefined ? DEFAULT_RETENTION.days : Number(values['retain-days']), retentionMode, false),
      // A local folder cannot prove immutability; it is the embedded default, so it is accepted and the receipt says so.
      allowMutable: values['allow-mutable'] || values.store.startsWith('file://'),
    },
    context,
    progress,
  });

  const where = { evidence: evidenceDir, bundle: result.bundlePath, store: result.receipt?.uri ?? null, immutable: result.receipt?.immutable ?? null };
  const native = await reportNatively(provider, result, { evidenceDir, reportsDir: values['reports-dir'], json: values.json, env: process.env });
  if (native.note) progress(native.note);
  const text = values.json
    ? `${JSON.stringify({ provider, conclusion: result.report.conclusion, counts: result.report.counts, ...where, decisions: result.decisions }, null, 2)}\n`
    : `${native.stdout}${result.report.summary}\nevidence: ${where.evidence}\nbundle:   ${where.bundle}\nstored:   ${where.store ?? '(not stored)'}\nverify:   cavra verify ${where.evidence} ${signing.verifyArgs}\n`;
  await writeAll(io.stdout, text);
  return result.report.conclusion === 'failure' ? EXIT.failed : EXIT.ok;
};

interface Signing {
  gate: Pick<GateOptions, 'signer' | 'noteSigner' | 'trust'>;
  /** How an auditor verifies the result, for the closing hint. */
  verifyArgs: string;
}

// The embedded default: a local key, made on first use, that signs the bundle and the checkpoints.
function localSigning(path: string, progress: (message: string) => void): Signing {
  const key = openLocalSigningKey(path);
  if (key.created) progress(`created a local signing key at ${path} (public half: ${key.publicKeyPath})`);
  return {
    gate: { signer: new KeyBundleSigner(key.privateKey), noteSigner: noteSignerFromKey(DEFAULT_ORIGIN, key.privateKey), trust: { trustedKeys: [pinnedKey(key.publicKey)] } },
    verifyArgs: key.publicKeyPath ? `--trusted-key ${key.publicKeyPath}` : '--trusted-key PUBLIC_KEY.pem',
  };
}

interface KeylessGateValues extends KeylessValues {
  'trust-root'?: string | undefined;
  'certificate-identity'?: string | undefined;
  'certificate-oidc-issuer'?: string | undefined;
}

// Keyless: Fulcio certifies the job's identity; the sealed bundle is verified against the expected
// identity before the run counts, with a pinned trusted root or public-good Sigstore's.
async function keylessSigning(values: KeylessGateValues): Promise<Signing> {
  const identity = values['certificate-identity'];
  const issuer = values['certificate-oidc-issuer'];
  if (!identity || !issuer) {
    throw new CavraError('ERR_USAGE', '`--keyless` needs `--certificate-identity ID` and `--certificate-oidc-issuer URL`', { hint: 'the identity the signing certificate must carry, e.g. the workflow ref' });
  }
  const rootFile = values['trust-root'];
  if (rootFile === undefined && values['fulcio-url'] !== undefined) {
    throw new CavraError('ERR_USAGE', 'a private Fulcio needs its `trusted_root.json` in `--trust-root FILE`');
  }
  const trustedRoot = rootFile === undefined ? await fetchPublicTrustedRoot() : readJsonObject(rootFile, 'trust-root');
  return {
    gate: { signer: await keylessSigner(values, process.env), trust: { trustedRoot, certificateIdentity: identity, certificateIssuer: issuer } },
    verifyArgs: `--trust-root ${rootFile ?? 'trusted_root.json'} --certificate-identity ${identity} --certificate-oidc-issuer ${issuer}`,
  };
}

interface RunnerAuthFlags {
  issuer?: string | undefined;
  audience?: string | undefined;
  jwks?: string | undefined;
  'jwks-url'?: string | undefined;
  discover?: boolean | undefined;
  'token-file'?: string | undefined;
  claims?: string | undefined;
}

// Fail closed: a token that cannot be had, or does not verify, blocks the run; only a bad flag is a usage error.
async function authenticateThisRunner(values: RunnerAuthFlags, now: () => Date): Promise<RunnerAuthResult> {
  const issuer = values.issuer!;
  if (!values.audience) throw new CavraError('ERR_USAGE', '`--issuer` needs `--audience AUD`');
  if ([values.jwks !== undefined, values['jwks-url'] !== undefined, values.discover === true].filter(Boolean).length !== 1) {
    throw new CavraError('ERR_USAGE', 'with `--issuer`, give exactly one of `--jwks FILE`, `--jwks-url URL` or `--discover`');
  }
  const policy = values.claims === undefined ? undefined : parseRunnerClaimsPolicy(await readJsonFile(values.claims, 'claims policy'), values.claims);
  let token: string;
  try {
    const source = runnerTokenSource({
      env: process.env,
      fetch: globalThis.fetch,
      audience: values.audience,
      ...(values['token-file'] !== undefined ? { tokenFile: values['token-file'], readText: (path: string) => readFile(path, 'utf8') } : {}),
    });
    token = (await source.acquire()).reveal();
  } catch (error) {
    if (!isCavraError(error)) throw error;
    return { ok: false, error, verdict: runnerAuthVerdict(error) };
  }
  const keys = await tokenKeysOf({ issuer, jwks: values.jwks, jwksUrl: values['jwks-url'] });
  return authenticateRunner(token, { verify: { issuer, audience: values.audience, keys, now }, ...(policy ? { policy } : {}) });
}

type Provider = Exclude<(typeof PROVIDERS)[number], 'auto'>;

function resolveProvider(requested: (typeof PROVIDERS)[number], env: NodeJS.ProcessEnv): Provider {
  if (requested !== 'auto') return requested;
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  if (env.TF_BUILD?.toLowerCase() === 'true') return 'azure';
  return 'local';
}

interface NativeOptions {
  evidenceDir: string;
  reportsDir: string;
  json: boolean;
  env: NodeJS.ProcessEnv;
}

// Each provider's own artefacts, from the same report: GitHub workflow-command annotations, step
// summary and outputs; GitLab JUnit and Code Quality reports; Azure logging commands and summary.
async function reportNatively(provider: Provider, result: GateResult, options: NativeOptions): Promise<{ stdout: string; note?: string }> {
  const { report, decisions } = result;
  const summaryPath = resolve(options.evidenceDir, GATE_REPORT_FILES.markdown);
  switch (provider) {
    case 'github': {
      if (options.env.GITHUB_STEP_SUMMARY) await appendFile(options.env.GITHUB_STEP_SUMMARY, report.summary);
      if (options.env.GITHUB_OUTPUT) await appendFile(options.env.GITHUB_OUTPUT, `conclusion=${report.conclusion}\nevidence=${options.evidenceDir}\nbundle=${result.bundlePath}\n`);
      // Workflow commands would corrupt `--json` output; the summary and outputs still carry the result.
      return { stdout: options.json ? '' : renderGitHubCommands(report) };
    }
    case 'gitlab': {
      await mkdir(options.reportsDir, { recursive: true });
      const junit = join(options.reportsDir, GITLAB_REPORT_FILES.junit);
      const quality = join(options.reportsDir, GITLAB_REPORT_FILES.codeQuality);
      await writeFile(junit, renderJUnit(report, decisions));
      await writeFile(quality, renderCodeQuality(decisions, summaryPath));
      return { stdout: '', note: `wrote ${junit} (artifacts:reports:junit) and ${quality} (artifacts:reports:codequality)` };
    }
    case 'azure':
      return { stdout: options.json ? '' : renderAzureCommands(report, summaryPath) };
    case 'local':
      return { stdout: '' };
  }
}

const GITLAB_REPORT_FILES = { junit: 'cavra-junit.xml', codeQuality: 'gl-code-quality-report.json' } as const;

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CavraError('ERR_USAGE', `\`${flag}\` must be one of ${allowed.join(', ')}, got \`${value}\``);
  }
  return value as T;
}
