// A few lines of plain bash are decided without loading the wasm parser, with the decisions the
// full analyser makes; a line that is not plain, at any depth, loads the parser; and the
// wasm-free analyser, asked about anything else, blocks rather than guess.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { evaluate, loadCommandAnalyzer, prepareDecisionPolicy, type ActionRequest } from '../../src/index.ts';
import { plainCommandAnalyzer } from '../../src/command/load.ts';
import { loadedCommandAnalyzer } from '../../src/command/registry.ts';

const context = { now: () => new Date(0), randomHex: (bytes: number) => '0'.repeat(bytes * 2) };
const command = (target: string): ActionRequest => ({ action_type: 'execute_command', target });
const root = join(import.meta.dirname, '..', '..', '..', '..');
const everyday = (JSON.parse(readFileSync(join(root, 'fixtures/everyday/commands.json'), 'utf8')) as { everyday: string[] }).everyday;
const corpus = (JSON.parse(readFileSync(join(root, 'fixtures/evasions/corpus.json'), 'utf8')) as { entries: Array<{ command: string }> }).entries.map((entry) => entry.command);

test('plain lines are decided without the wasm parser', async () => {
  const requests = [command('npm test -- --run'), command('git push --force origin main'), command('bash -c "terraform apply -auto-approve"')];
  const policy = await prepareDecisionPolicy({ operatorDecides: true, cwd: root }, requests);
  expect(policy.commandAnalyzer).toBeDefined();
  expect(loadedCommandAnalyzer()).toBeUndefined();
  expect(requests.map((request) => evaluate(policy, request, context).decision)).toEqual(['allow', 'block', 'block']);
});

test.for([
  ['echo `terraform apply`', 'a substitution in backquotes'],
  ["bash -c 'ls {a,b}.ts'", 'a brace expansion in a nested script'],
  ['sh -c "eval \\"$X\\""', 'an expansion in a nested script'],
])('%j is not plain (%s): the wasm parser is loaded', async ([line]) => {
  expect(plainCommandAnalyzer([line!])).toBeUndefined();
  const policy = await prepareDecisionPolicy({ operatorDecides: true, cwd: root }, [command(line!)]);
  expect(policy.commandAnalyzer).toBeUndefined();
  expect(loadedCommandAnalyzer()).toBeDefined();
});

test('the wasm-free analyser, asked about a line it was not prepared for, blocks', async () => {
  const analyzer = plainCommandAnalyzer(['npm test']);
  expect(analyzer).toBeDefined();
  const prepared = await prepareDecisionPolicy({ operatorDecides: true, cwd: root }, []);
  const record = evaluate({ ...prepared, commandAnalyzer: analyzer! }, command('ls {a,b}.ts'), context);
  expect(record.decision).toBe('block');
  expect(record.reason).toContain('ERR_COMMAND_PARSER_UNAVAILABLE');
});

test('every plain everyday and evasion line gets the decision and analysis the full analyser gives', async () => {
  const full = await loadCommandAnalyzer();
  const lines = [...everyday, ...corpus].filter((line) => plainCommandAnalyzer([line]) !== undefined);
  expect(lines.length).toBeGreaterThan(100);
  const plain = plainCommandAnalyzer(lines)!;
  const prepared = await prepareDecisionPolicy({ operatorDecides: true, cwd: root }, []);
  for (const line of lines) {
    expect(plain.analyze(line)).toEqual(full.analyze(line));
    expect(evaluate({ ...prepared, commandAnalyzer: plain }, command(line), context)).toEqual(evaluate({ ...prepared, commandAnalyzer: full }, command(line), context));
  }
});
