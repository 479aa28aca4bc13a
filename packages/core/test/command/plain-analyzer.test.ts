// A few lines of plain bash are decided without loading the wasm parser, with the decisions the
// full analyser makes; a line that is not plain, at any depth, loads the parser; the wasm-free
// analyser, asked about anything else, blocks rather than guess; and the analysis, nested
// scripts included, is the one tree-sitter alone would give.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { Language, Parser } from 'web-tree-sitter';
import { evaluate, loadCommandAnalyzer, prepareDecisionPolicy, type ActionRequest } from '../../src/index.ts';
import { createCommandAnalyzer } from '../../src/command/analyze.ts';
import { plainCommandAnalyzer } from '../../src/command/load.ts';
import { loadedCommandAnalyzer } from '../../src/command/registry.ts';
import { snapshot } from '../../src/command/snapshot.ts';
import type { ShellParser } from '../../src/command/syntax.ts';
import { corpus as linesToCompare, mutatedLines, structuredLines } from './plain-lines.ts';

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

// The plain parser is also asked about scripts the analysis builds (`bash -c` bodies, values read
// again), which no corpus line shows on its own: the whole analysis is compared.
test('every line, and every script nested in it, is analysed as with tree-sitter alone', async () => {
  const full = await loadCommandAnalyzer();
  const language = await Language.load(readFileSync(createRequire(import.meta.url).resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
  const parser = new Parser();
  parser.setLanguage(language);
  const named = language.types.map((_, typeId) => language.nodeTypeIsNamed(typeId));
  const treeSitterAlone: ShellParser = {
    parse(source) {
      const tree = parser.parse(source)!;
      const cursor = tree.walk();
      try {
        return snapshot(cursor, source, language.types, language.fields, named);
      } finally {
        cursor.delete();
        tree.delete();
      }
    },
  };
  const alone = createCommandAnalyzer(treeSitterAlone);
  const differing = [...linesToCompare, ...mutatedLines(20_000, 23), ...structuredLines(3_000, 29)].filter((line) => JSON.stringify(full.analyze(line)) !== JSON.stringify(alone.analyze(line)));
  expect(differing.slice(0, 10)).toEqual([]);
}, 120_000);
