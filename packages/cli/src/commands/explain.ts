import { parseArgs } from 'node:util';
import { CavraError, displayText, evaluate, neutraliseLogCommands, prepareDecisionPolicy, systemDecisionContext, type DecisionRecord } from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';
import { policyFlags, policyOptionsOf } from './policy-flags.ts';

interface ExplainOptions {
  line: string;
  json: boolean;
  policy: ReturnType<typeof policyOptionsOf>;
}

function parseExplainArgs(args: string[]): ExplainOptions {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { ...policyFlags, json: { type: 'boolean' } } });
  if (positionals.length !== 1) {
    throw new CavraError('ERR_USAGE', 'give exactly one command line to explain', { hint: "quote it: cavra explain 'git push -f origin main'" });
  }
  return { line: positionals[0]!, json: values.json === true, policy: policyOptionsOf(values) };
}

/** `cavra explain '<command>'`: what a command line runs, which rule matched what, and the decision. */
export const explainCommand: Command = async (args, io) => {
  const options = parseExplainArgs(args);
  const request = { action_type: 'execute_command', target: options.line } as const;
  const record = evaluate(await prepareDecisionPolicy({ ...options.policy, cwd: process.cwd() }, [request]), request, systemDecisionContext());
  await writeAll(io.stdout, options.json ? `${JSON.stringify(record, null, 2)}\n` : renderExplanation(record));
  return EXIT.ok;
};

interface ExplainedInvocation {
  text: string;
  role: string;
  canonical: string[];
  via?: string[];
  rules: Array<{ rule_id: string; decision: string; pattern: string }>;
}

interface ExplainedAnalysis {
  invocations: ExplainedInvocation[];
  pipelines?: string[];
  opaque?: Array<{ kind: string; detail: string }>;
  files?: Array<{ access: string; path: string; by: string }>;
  git_pushes?: Array<{ operation: string; target: string }>;
}

function firstWord(text: string): string {
  return text.trimStart().split(/\s+/, 1)[0] ?? '';
}

// Why a `tofu …` pattern judges a `terraform …` command: patterns are read as commands are, and
// one tool known under several names (tofu, terragrunt → terraform) is one program.
function aliasNote(patternProgram: string, program: string): string {
  if (patternProgram === '' || patternProgram === program || /[*?[]/.test(patternProgram)) return '';
  return ` (\`${patternProgram}\` is read as \`${program}\`: the same tool under another name)`;
}

function renderExplanation(record: DecisionRecord): string {
  const analysis = (record.analysis ?? { invocations: [] }) as ExplainedAnalysis;
  const lines = [`command: ${record.target}`, `pack:    ${record.policy_pack}`, ''];
  lines.push(`invocations (${analysis.invocations.length}):`);
  for (const invocation of analysis.invocations) {
    const via = invocation.via ? `  [via ${invocation.via.join(' > ')}]` : '';
    lines.push(`  ${invocation.role === 'run' ? '' : `(${invocation.role}) `}${invocation.text}${via}`);
    // A wrapper's own canonical form mixes in the wrapped command's options; the wrapped command
    // is listed next as its own invocation (`[via …]`), so only real runs show a canonical line.
    const canonical = invocation.role === 'wrapper' ? [] : invocation.canonical.filter((text) => text !== invocation.text);
    if (canonical.length > 0) lines.push(`    canonical: ${canonical.join(' | ')}`);
    const program = firstWord(invocation.canonical[0] ?? invocation.text);
    for (const rule of invocation.rules) lines.push(`    matches ${rule.rule_id} (${rule.decision}) by \`${rule.pattern}\`${aliasNote(firstWord(rule.pattern), program)}`);
  }
  for (const pipeline of analysis.pipelines ?? []) lines.push(`pipeline: ${pipeline}`);
  for (const item of analysis.opaque ?? []) lines.push(`opaque (${item.kind}): ${item.detail}`);
  for (const file of analysis.files ?? []) lines.push(`file ${file.access}: ${file.path} (by ${file.by})`);
  for (const push of analysis.git_pushes ?? []) lines.push(`git ${push.operation}${push.target ? ` ${push.target}` : ''}`);
  lines.push('', `decision: ${record.decision} by ${record.rule_id} (${record.severity})`, `reason:   ${record.reason}`);
  // attacker-controlled: the command line. Control sequences are shown, never obeyed, so the
  // terminal cannot be made to display another decision; runner command prefixes are inert.
  return `${neutraliseLogCommands(lines.map(displayText).join('\n'))}\n`;
}
