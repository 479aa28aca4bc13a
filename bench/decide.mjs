// Decision throughput and latency per action type (100k in-process requests against the
// default pack), and the CLI's end-to-end time for a 10k-line batch, process start included.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '../packages/core/src/index.ts';

const REQUESTS = 100_000;
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
  cli_batch: { lines: BATCH, median_ms: Math.round(runs[2]), min_ms: Math.round(runs[0]), max_ms: Math.round(runs[4]) },
  targets: { p99_us_file_git_mcp: 20, cli_batch_ms: 1000 },
})}\n`);
