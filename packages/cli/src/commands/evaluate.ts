import { parseArgs } from 'node:util';
import { appendEvidence, assertActionRequest, batchEvaluator, CavraError, parseExactJson, prepareDecisionPolicy, selectPackId, systemDecisionContext, type ActionRequest } from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';
import { readRequests } from '../read-requests.ts';
import { policyFlags, policyOptionsOf } from './policy-flags.ts';

export interface EvaluateOptions {
  policy: ReturnType<typeof policyOptionsOf>;
  request: string | undefined;
  batch: string | undefined;
  evidence: string | undefined;
}

function parseEvaluateArgs(args: string[]): EvaluateOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { ...policyFlags, request: { type: 'string' }, batch: { type: 'string' }, evidence: { type: 'string' } },
  });
  if ((values.request === undefined) === (values.batch === undefined)) {
    throw new CavraError('ERR_USAGE', 'give exactly one of `--request JSON` or `--batch FILE|-`', { hint: 'see `cavra --help`' });
  }
  return { policy: policyOptionsOf(values), request: values.request, batch: values.batch, evidence: values.evidence };
}

/** `cavra evaluate`: decides one request or a JSON Lines batch and prints decisions in input order. */
export const evaluateCommand: Command = async (args, io) => {
  const options = parseEvaluateArgs(args);
  const requests: ActionRequest[] =
    options.request !== undefined ? [parseOneRequest(options.request)] : await readRequests(options.batch!, io.stdin);
  const policy = await prepareDecisionPolicy({ ...options.policy, cwd: process.cwd() }, requests);
  const context = systemDecisionContext();
  const evaluate = batchEvaluator(policy);
  const decisions = requests.map((request) => evaluate(request, context));
  if (options.evidence !== undefined) {
    const inputs = decisions.map((decision, i) => ({ decision, request: requests[i], packDigest: policy.packs.get(selectPackId(requests[i]!, policy.defaultPackId))?.digest ?? '' }));
    await appendEvidence(options.evidence, inputs, { now: context.now });
  }
  const text = options.request !== undefined ? `${JSON.stringify(decisions[0], null, 2)}\n` : decisions.map((d) => `${JSON.stringify(d)}\n`).join('');
  await writeAll(io.stdout, text);
  return EXIT.ok;
};

function parseOneRequest(text: string): ActionRequest {
  const value = parseExactJson(text, '`--request`');
  assertActionRequest(value, '`--request`');
  return value;
}
