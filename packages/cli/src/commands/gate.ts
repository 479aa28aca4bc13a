import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CavraError,
  DEFAULT_RETENTION,
  GATE_MODES,
  RETENTION_MODES,
  openEvidenceStore,
  planRetention,
  runGate,
  systemDecisionContext,
  type ActionRequest,
  type GateMode,
  type RetentionMode,
} from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';
import { readRequests } from '../read-requests.ts';
import { authenticateThisRunner } from './gate-runner-auth.ts';
import { keylessSigning, localSigning } from './gate-signing.ts';
import { keylessFlags } from './keyless.ts';
import { PROVIDERS, reportNatively, resolveProvider } from './native-report.ts';
import { policyFlags, policyOptionsOf, prepareDecisionPolicy } from './policy-flags.ts';

const DEFAULT_KEY = join('.cavra', 'keys', 'local-signing-key.pem');
const DEFAULT_STORE = 'file://.cavra/store';

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

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new CavraError('ERR_USAGE', `\`${flag}\` must be one of ${allowed.join(', ')}, got \`${value}\``);
  }
  return value as T;
}
