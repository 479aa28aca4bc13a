// The index of a pack's command patterns only skips work: every pattern that matches a subject
// must be among the candidates the index gives for it, for every built-in pack and for patterns
// whose words the index reads in every way it can (a second word whole, as a prefix, a positional).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, test } from 'vitest';
import { compilePack, compilePolicy, loadCommandAnalyzer, openPolicy, parsePack, type CompiledPack } from '@cavra/core';
import { BUILTIN_PACK_JSON } from '../../src/catalog/builtin-packs.generated.ts';
import type { CommandAnalyzer } from '../../src/command/analyze.ts';
import { commandRulesOf } from '../../src/decision/command-rules.ts';
import { matchInvocation } from '../../src/decision/commands.ts';

const root = join(import.meta.dirname, '..', '..', '..', '..');
let analyzer: CommandAnalyzer;
beforeAll(async () => {
  analyzer = await loadCommandAnalyzer();
});

function entriesOf(file: string): string[] {
  return (JSON.parse(readFileSync(join(root, file), 'utf8')) as { entries: Array<{ command: string }> }).entries.map((entry) => entry.command);
}
const everyday = JSON.parse(readFileSync(join(root, 'fixtures', 'everyday', 'commands.json'), 'utf8')) as { everyday: string[]; review: string[] };
const lines = [
  ...entriesOf('fixtures/evasions/corpus.json'),
  ...entriesOf('fixtures/evasions/holes.json'),
  ...everyday.everyday,
  ...everyday.review,
  'git pull',
  'git pu',
  'git  push origin main',
  'git -C sub push --force origin main',
  'npm tests',
  'npm test',
  'npm run-script build',
  'git push',
  'git',
  'GIT_DIR=x git push',
  'kubectl -n prod delete pod x',
  'tofu apply',
  '"git" push --force',
  'git push -f origin main',
  'git -c core.pager=less log',
  'pytest -q --log-file=x.log',
  'pytest --basetemp /tmp/x tests',
];

const tricky = compilePack(
  parsePack({
    file: 'tricky.yaml',
    text: `
metadata: {id: tricky, title: Tricky, version: 1}
commands:
  allow: ["git pu*", "npm test", "npm tests*", "git", "git  push*", "ls*"]
  block: ["git push", "git push --force*", "npm run*", "*terraform apply*", "kubectl*delete*", "git pul*", "\\"git\\" push*", "GIT_*", "git *--exec*", "git push --force *main*", "git *core.pager*", "pytest *--log-file*", "pytest *--basetemp*", "*GITHUB_TOKEN*"]
`,
  }),
);

function builtinPacks(): CompiledPack[] {
  return Object.keys(BUILTIN_PACK_JSON).map((id) => compilePolicy(openPolicy({ packs: [id] }), []).packs.get(id)!);
}

test('every command pattern that matches an invocation or a line is among its candidates', () => {
  let matched = 0;
  for (const pack of [...builtinPacks(), tricky]) {
    const rules = commandRulesOf(pack);
    for (const line of lines) {
      const analysis = analyzer.analyze(line.trim());
      const texts = [line.trim(), ...analysis.pipelines];
      for (const text of texts) {
        const candidates = rules.stoppingForText(text);
        for (const entry of rules.patterns) {
          if (entry.permissive || !entry.pattern.matcher.test(text)) continue;
          matched += 1;
          expect(candidates, `${pack.id}: \`${entry.pattern.text}\` matches the text \`${text}\``).toContain(entry);
        }
      }
      for (const invocation of analysis.invocations) {
        const candidates = rules.forInvocation(invocation);
        for (const entry of rules.patterns) {
          if (matchInvocation(entry, invocation) === undefined) continue;
          matched += 1;
          expect(candidates, `${pack.id}: \`${entry.pattern.text}\` matches \`${invocation.text}\``).toContain(entry);
        }
      }
    }
  }
  // The property is about matches: there must be many of them.
  expect(matched).toBeGreaterThan(5_000);
});

test('the index narrows a subcommand to its own patterns, and skips those needing a literal it lacks', () => {
  const rules = commandRulesOf(tricky);
  const candidates = (line: string) => rules.forInvocation(analyzer.analyze(line).invocations[0]!).map((entry) => entry.pattern.text);
  expect(candidates('git status')).toEqual(['git', 'git  push*']);
  expect(candidates('git status --exec')).toContain('git *--exec*');
  expect(candidates('pytest -q')).toEqual([]);
  expect(rules.stoppingForText('echo $GITHUB_TOKEN').map((entry) => entry.pattern.text)).toContain('*GITHUB_TOKEN*');
  expect(rules.stoppingForText('echo $HOME')).toEqual([]);
});
