// Start-up cost of a live hook, the latency an agent adds to every tool call: `node -e 0` and
// `cavra hook claude-code` on a Bash, a Read and an MCP event, interleaved in one run (median
// of 20 each), without and with `--evidence`. Run `npm run build` first: it times dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = 20;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'cavra.mjs');
if (!existsSync(cli)) throw new Error('run `npm run build` first: bench/hook.mjs times dist/cli/cavra.mjs');

const event = (tool_name, tool_input, id) => JSON.stringify({ session_id: 'bench', transcript_path: '/dev/null', cwd: root, permission_mode: 'default', hook_event_name: 'PreToolUse', tool_name, tool_input, tool_use_id: id });
const events = {
  bash: event('Bash', { command: 'npm test -- --run', description: 'tests' }, 'toolu_bash'),
  read: event('Read', { file_path: join(root, 'README.md') }, 'toolu_read'),
  mcp: event('mcp__github__get_issue', { owner: 'o', repo: 'r', issue_number: 1 }, 'toolu_mcp'),
};
const evidence = mkdtempSync(join(tmpdir(), 'cavra-bench-hook-'));

function time(args, input) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { input, encoding: 'utf8', cwd: root });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0 && args[0] !== '-e') throw new Error(`hook exited ${run.status}: ${run.stderr}`);
  return ms;
}

const cases = { 'node -e 0': () => time(['-e', '0'], '') };
for (const [name, input] of Object.entries(events)) {
  cases[`hook ${name}`] = () => time([cli, 'hook', 'claude-code'], input);
  cases[`hook ${name} --evidence`] = () => time([cli, 'hook', 'claude-code', '--evidence', evidence], input);
}
const samples = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (const run of Object.values(cases)) run(); // warm the file cache and the compile cache
for (let i = 0; i < RUNS; i += 1) for (const [name, run] of Object.entries(cases)) samples[name].push(run());
rmSync(evidence, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const baseline = median(samples['node -e 0']);
const result = { runs: RUNS, node_e_0_ms: +baseline.toFixed(1), median_ms: {}, over_node_ms: {} };
for (const [name, values] of Object.entries(samples)) {
  if (name === 'node -e 0') continue;
  result.median_ms[name] = +median(values).toFixed(1);
  result.over_node_ms[name] = +(median(values) - baseline).toFixed(1);
}
result.target = 'file and MCP events within 40 ms of node -e 0';
// Figures from a loaded machine are not comparable with a quiet one: say how loaded it was.
result.load_average_1m = +loadavg()[0].toFixed(1);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
