import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CavraError,
  GATE_DEFAULT_PACK_ID,
  prepareDecisionPolicy,
  HOOK_AGENTS,
  appendEvidence,
  decideHookRequests,
  failClosedAnswer,
  hookOutcome,
  hookProtocol,
  planHookInstall,
  readHookEvent,
  recordVerdict,
  systemDecisionContext,
  type ActionRequest,
  type DecisionContext,
  type DecisionRecord,
  type HookAgent,
  type HookAnswer,
  type HookEvent,
} from '@cavra/core';
import { EXIT, readStdin, writeAll, writeStderr, writeStdout, type Command, type CliIo, type ExitCode } from '../io.ts';
import { policyFlags, policyOptionsOf } from './policy-flags.ts';

// A hook event is one tool call; anything near this size is not one.
const MAX_EVENT_BYTES = 16 * 1024 * 1024;

/**
 * `cavra hook AGENT`: one agent tool call in (the agent's event on stdin), its answer out (the
 * agent's protocol on stdout and exit code). Every failure answers deny; only a bad command
 * line, where no protocol is known yet, exits 2 as any verb does.
 */
export const hookCommand: Command = async (args, io) => {
  if (args[0] === 'install') return installCommand(args.slice(1), io);
  let parsed: ReturnType<typeof parseHookArgs>;
  try {
    parsed = parseHookArgs(args);
  } catch (error) {
    // A hook installed with a bad flag still refuses, in the agent's protocol (Copilot and
    // Gemini do not block on exit 2); without a known agent it is a plain usage error.
    if (!(HOOK_AGENTS as readonly string[]).includes(args[0] ?? '')) throw error;
    const answer = failClosedAnswer(hookProtocol(args[0]!), `the hook's command line is wrong: ${(error as Error).message}`);
    await writeStdout(io, answer.stdout);
    await writeStderr(io, answer.stderr);
    return answer.exitCode as ExitCode;
  }
  const { values, positionals } = parsed;
  const protocol = hookProtocol(positionals[0]!);
  const evidenceDir = values.evidence ?? (process.env.CAVRA_EVIDENCE || undefined);
  const context = systemDecisionContext();
  let answer: HookAnswer;
  let event: HookEvent | undefined;
  try {
    const text = await readStdin(io);
    if (Buffer.byteLength(text) > MAX_EVENT_BYTES) throw new CavraError('ERR_HOOK_EVENT_INVALID', 'the hook event is larger than 16 MiB');
    const reading = readHookEvent(protocol, text, values.root);
    if (!reading.ok) {
      if (evidenceDir) await record(evidenceDir, [unreadableRecord(positionals[0]!, text, reading.reason, context)], context);
      answer = failClosedAnswer(protocol, reading.reason);
    } else {
      event = reading.event;
      const { decisions, packDigests } = await decide(values, reading.requests, reading.event, context);
      if (evidenceDir && decisions.length > 0) {
        await record(evidenceDir, decisions.map((decision, i) => ({ decision, request: reading.requests[i]!, ...(packDigests.has(decision.policy_pack) ? { packDigest: packDigests.get(decision.policy_pack)! } : {}) })), context);
      }
      const { outcome, reason } = hookOutcome(decisions);
      answer = protocol.answer(outcome, reason, event);
    }
  } catch (error) {
    answer = failClosedAnswer(protocol, error instanceof Error ? error.message : String(error), event);
  }
  await writeStdout(io, answer.stdout);
  await writeStderr(io, answer.stderr);
  return answer.exitCode as ExitCode;
};

function parseHookArgs(args: string[]) {
  const parsed = parseArgs({ args, strict: true, allowPositionals: true, options: { ...policyFlags, evidence: { type: 'string' }, root: { type: 'string' } } });
  if (parsed.positionals.length !== 1) throw new CavraError('ERR_USAGE', `give one agent: ${HOOK_AGENTS.join(', ')}`, { hint: 'cavra hook claude-code < event.json' });
  hookProtocol(parsed.positionals[0]!);
  return parsed;
}

// The operator's packs decide (default cavra-ci-baseline), the strictest of them wins, as in
// the gate; the event can name none.
async function decide(
  values: Parameters<typeof policyOptionsOf>[0] & { root?: string | undefined },
  requests: readonly ActionRequest[],
  event: HookEvent,
  context: DecisionContext,
): Promise<{ decisions: DecisionRecord[]; packDigests: Map<string, string> }> {
  if (requests.length === 0) return { decisions: [], packDigests: new Map() };
  const root = values.root ?? event.root ?? event.cwd;
  // Symlinks are followed inside a workspace that exists; otherwise inside the hook's own directory.
  const cwd = root !== undefined && existsSync(root) ? root : process.cwd();
  const policy = await prepareDecisionPolicy({ ...policyOptionsOf(values), operatorDecides: true, cwd, shortRun: true }, requests);
  const packDigests = new Map([...policy.packs].map(([id, pack]) => [id, pack.digest] as const).filter(([, digest]) => digest));
  return { decisions: decideHookRequests(policy, requests, context), packDigests };
}

// With CAVRA_EVIDENCE_HEADS (a folder outside the workspace, which `actions/hooks` sets), every
// checkpoint is also copied there as it is made, so the agent cannot rewrite its history by
// deleting the heads beside the log.
async function record(dir: string, inputs: ReadonlyArray<{ decision: DecisionRecord; request: ActionRequest; packDigest?: string }>, context: DecisionContext): Promise<void> {
  const headsMirror = process.env.CAVRA_EVIDENCE_HEADS || undefined;
  await appendEvidence(dir, inputs, { now: context.now, ...(headsMirror ? { headsMirror } : {}) });
}

// An event the hook could not read is still a refused action, and the evidence says so by digest.
function unreadableRecord(agent: string, text: string, reason: string, context: DecisionContext): { decision: DecisionRecord; request: ActionRequest } {
  const request: ActionRequest = { action_type: 'agent_tool', agent_id: agent, target: '', hook_input_digest: `sha256:${createHash('sha256').update(text).digest('hex')}` };
  const decision = recordVerdict(request, { rule_id: 'hook.event.invalid', decision: 'block', severity: 'high', reason, approver_group: null, target: '', requested_operation: '' }, context, GATE_DEFAULT_PACK_ID);
  return { decision, request };
}

/** `cavra hook install AGENT [--settings FILE] [--command CMD]`: writes the agent's hook configuration. */
async function installCommand(args: string[], io: CliIo): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { settings: { type: 'string' }, command: { type: 'string' } } });
  if (positionals.length !== 1) throw new CavraError('ERR_USAGE', `give one agent: ${HOOK_AGENTS.join(', ')}`, { hint: 'cavra hook install claude-code' });
  hookProtocol(positionals[0]!);
  const agent = positionals[0] as HookAgent;
  const command = values.command ?? `cavra hook ${agent}`;
  const probe = planHookInstall(agent, undefined, command);
  const file = values.settings ?? probe.defaultFile;
  const plan = planHookInstall(agent, readSettings(file), command);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(plan.settings, null, 2)}\n`);
  await writeAll(io.stdout, `wrote the ${agent} hook to ${file}\n${plan.notes.map((note) => `  ${note}\n`).join('')}`);
  return EXIT.ok;
}

function readSettings(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read settings \`${file}\``, { cause });
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_INVALID_JSON', `settings \`${file}\` is not valid JSON`, { cause, hint: 'fix the file, or pass another with `--settings`' });
  }
}

