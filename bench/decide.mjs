// Decision throughput and latency per action type (100k in-process requests against the
// default pack), command decisions side by side with a bare web-tree-sitter parse of the same
// 10k commands, on the evasion corpus and on everyday agent work (issue 16: p50 at most 2x the
// parse, p99 at most 200 us), and the CLI's
// end-to-end time for a 10k-line batch, process start included.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../packages/core/src/index.ts';

const REQUESTS = Number(process.env.CAVRA_BENCH_REQUESTS ?? 100_000);
const BATCH = 10_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const samples = {
  read_file: ['src/app.ts', '.env', 'config/secrets.yaml', 'docs/../README.md', 'a/b/c/d/e/key.pem'].map((target) => ({ action_type: 'read_file', target })),
  write_file: ['src/app.ts', '.github/workflows/ci.yml', 'infra/iam/role.tf', 'infra/main.tf'].map((target) => ({ action_type: 'write_file', target })),
  execute_command: ['terraform plan', 'npm test', 'terraform apply -auto-approve', 'git status && git push origin main', 'make build'].map((target) => ({ action_type: 'execute_command', target })),
  git_operation: [['push', 'origin/main'], ['push', 'feature/x'], ['force-push', 'agent/fix'], ['fetch', 'origin/main']].map(([operation, target]) => ({ action_type: 'git_operation', operation, target })),
  mcp_tool_call: [['github', 'create_pull_request'], ['unknown', 'read_file']].map(([server, tool]) => ({ action_type: 'mcp_tool_call', server, tool })),
};

await core.loadCommandAnalyzer();
const open = core.openPolicy({});
const policy = core.compilePolicy(open, []);
let counter = 0;
const context = { now: () => new Date(1_790_000_000_000), randomHex: (bytes) => (counter++).toString(16).padStart(bytes * 2, '0').slice(-bytes * 2) };

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const perType = {};
for (const [type, requests] of Object.entries(samples)) {
  for (let i = 0; i < 5_000; i += 1) core.evaluate(policy, requests[i % requests.length], context); // warm-up
  const latencies = new Float64Array(REQUESTS);
  const started = process.hrtime.bigint();
  for (let i = 0; i < REQUESTS; i += 1) {
    const t0 = process.hrtime.bigint();
    core.evaluate(policy, requests[i % requests.length], context);
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort();
  perType[type] = {
    decisions_per_second: Math.round(REQUESTS / seconds),
    p50_us: +percentile(latencies, 50).toFixed(2),
    p99_us: +percentile(latencies, 99).toFixed(2),
  };
}

// Commands, side by side with a bare web-tree-sitter parse of the same text (nothing else), on
// two mixes cycled to 10k: the evasion corpus and the holes fixtures (attacks and their
// look-alikes, most of them nested or obfuscated) under a pack of everyday allow patterns and
// canonical blocks; and everyday agent work (fixtures/everyday) under cavra-ci-baseline, the
// gate's default pack, which is what a gate decides most of the time.
const COMMANDS = 10_000;
const fixtures = join(root, 'fixtures', 'evasions');
const corpusLines = [
  ...JSON.parse(readFileSync(join(fixtures, 'corpus.json'), 'utf8')).entries.map((entry) => entry.command),
  ...JSON.parse(readFileSync(join(fixtures, 'holes.json'), 'utf8')).entries.map((entry) => entry.command),
];
const everydayCorpus = JSON.parse(readFileSync(join(root, 'fixtures', 'everyday', 'commands.json'), 'utf8'));
const everydayLines = [...everydayCorpus.everyday, ...everydayCorpus.review];
const require = createRequire(import.meta.url);
await Parser.init({ wasmBinary: readFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm')) });
const bare = new Parser();
bare.setLanguage(await Language.load(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'))));

function timeEach(commands, run) {
  for (let i = 0; i < 2_000; i += 1) run(commands[i % commands.length]); // warm-up
  const latencies = new Float64Array(commands.length);
  for (let i = 0; i < commands.length; i += 1) {
    const t0 = process.hrtime.bigint();
    run(commands[i]);
    latencies[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  latencies.sort();
  return { p50_us: +percentile(latencies, 50).toFixed(2), p99_us: +percentile(latencies, 99).toFixed(2) };
}

// Interleaved rounds, so both sides see the same machine load; the best round of each is kept.
// This machine's speed drifts by a third within a minute: each round's own ratio is printed too,
// with their median (a round's two sides ran seconds apart).
const ROUNDS = 5;
function sideBySide(lines, policy, pack) {
  const commands = Array.from({ length: COMMANDS }, (_, i) => lines[i % lines.length]);
  const rounds = { parse: [], evaluate: [] };
  for (let round = 0; round < ROUNDS; round += 1) {
    rounds.parse.push(timeEach(commands, (line) => bare.parse(line).delete()));
    rounds.evaluate.push(timeEach(commands, (target) => core.evaluate(policy, { action_type: 'execute_command', target }, context)));
  }
  const best = (list) => list.reduce((a, b) => (b.p50_us < a.p50_us ? b : a));
  const parse = best(rounds.parse);
  const decided = best(rounds.evaluate);
  const roundRatios = rounds.parse.map((each, round) => +(rounds.evaluate[round].p50_us / each.p50_us).toFixed(2));
  // The same commands once more, each parsed and decided back to back: both sides of every pair
  // run under the same load, which a round of 10k seconds apart cannot promise.
  const paired = [];
  for (let round = 0; round < 3; round += 1) {
    const parses = new Float64Array(commands.length);
    const decisions = new Float64Array(commands.length);
    for (let i = 0; i < commands.length; i += 1) {
      let t0 = process.hrtime.bigint();
      bare.parse(commands[i]).delete();
      parses[i] = Number(process.hrtime.bigint() - t0) / 1000;
      t0 = process.hrtime.bigint();
      core.evaluate(policy, { action_type: 'execute_command', target: commands[i] }, context);
      decisions[i] = Number(process.hrtime.bigint() - t0) / 1000;
    }
    parses.sort();
    decisions.sort();
    paired.push({ parse_p50_us: +percentile(parses, 50).toFixed(2), evaluate_p50_us: +percentile(decisions, 50).toFixed(2), evaluate_p99_us: +percentile(decisions, 99).toFixed(2), p50_ratio: +(percentile(decisions, 50) / percentile(parses, 50)).toFixed(2) });
  }
  return {
    commands: COMMANDS,
    distinct: lines.length,
    pack,
    bare_parse: parse,
    evaluate: decided,
    p50_ratio_to_parse: +(decided.p50_us / parse.p50_us).toFixed(2),
    p50_ratio_per_round: roundRatios,
    p50_ratio_median_of_rounds: [...roundRatios].sort((a, b) => a - b)[ROUNDS >> 1],
    paired_rounds: paired,
    load_average: loadavg().map((value) => +value.toFixed(1)),
  };
}
const everydayAllow = core.compilePolicy(core.openPolicy({ packs: [join(fixtures, 'everyday-allow.yaml')] }), []);
// The gate's default decides every request (compiled in beside the baseline, it would decide none).
const gateDefault = core.compilePolicy(core.openPolicy({ packs: [core.GATE_DEFAULT_PACK_ID] }), []);
for (const [policy, pack] of [[everydayAllow, 'everyday-allow'], [gateDefault, core.GATE_DEFAULT_PACK_ID]]) {
  const probe = core.evaluate(policy, { action_type: 'execute_command', target: 'ls' }, context);
  if (probe.policy_pack !== pack) throw new Error(`bench/decide: commands are decided under \`${probe.policy_pack}\`, not \`${pack}\``);
}
const commandSideBySide = sideBySide(corpusLines, everydayAllow, 'fixtures/evasions/everyday-allow.yaml');
const everydaySideBySide = sideBySide(everydayLines, gateDefault, core.GATE_DEFAULT_PACK_ID);

const all = Object.values(samples).flat();
const batchFile = join(mkdtempSync(join(tmpdir(), 'cavra-bench-')), 'batch.jsonl');
writeFileSync(batchFile, Array.from({ length: BATCH }, (_, i) => JSON.stringify({ session_id: 'bench', ...all[i % all.length] })).join('\n'));
const cli = join(root, 'dist', 'cli', 'cavra.mjs');
const runs = [];
for (let run = 0; run < 5; run += 1) {
  const t0 = process.hrtime.bigint();
  execFileSync(process.execPath, [cli, 'evaluate', '--batch', batchFile], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 256 * 1024 * 1024 });
  runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
runs.sort((a, b) => a - b);

process.stdout.write(`${JSON.stringify({
  requests_per_type: REQUESTS,
  per_action_type: perType,
  execute_command_vs_parse: commandSideBySide,
  everyday_command_vs_parse: everydaySideBySide,
  cli_batch: { lines: BATCH, median_ms: Math.round(runs[2]), min_ms: Math.round(runs[0]), max_ms: Math.round(runs[4]) },
  targets: { p99_us_file_git_mcp: 20, cli_batch_ms: 1000, command_p50_ratio_to_parse: 2, command_p99_us: 200 },
})}\n`);
