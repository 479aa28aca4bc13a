// The GitHub Action's entry, as the runner starts it (node on the committed bundle), on a
// pull request of 50 changed files plus a 10k-action agent session, against the loopback GitHub
// API double (every request validated against GitHub's OpenAPI description); and the bundle's
// start-up cost over `node -e 0`. Needs `npm run build` first.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startGitHubApiDouble } from '../test/support/github-api-double.ts';
import { gateActionMain, runGateAction, signingKeyPair } from '../test/support/github-action-runner.ts';
import { mkdtempSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const ACTIONS = 10_000;
const RUNS = 3;
const main = gateActionMain();
if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);

// Two sessions of 10k actions. `repeating`: five actions, each 2,000 times (the figure the
// target is set on); a batch shares one verdict between the repeats of an action, so this is
// the best case.
// `distinct`: no two actions alike (every path, command line and message differs), the worst
// case, where every action is analysed and decided afresh.
const samples = [
  { action_type: 'read_file', target: 'src/app.ts' },
  { action_type: 'write_file', target: 'src/app.ts' },
  { action_type: 'execute_command', target: 'npm test' },
  { action_type: 'execute_command', target: 'npm test -- --watch=false' },
  { action_type: 'read_file', target: 'README.md' },
];
const distinct = (index) => {
  const module = `src/mod-${index}`;
  return [
    { action_type: 'read_file', target: `${module}/index.ts` },
    { action_type: 'write_file', target: `${module}/index.ts` },
    { action_type: 'execute_command', target: `npm test -- ${module}` },
    { action_type: 'execute_command', target: `grep -rn symbol${index} src | head -20` },
    { action_type: 'execute_command', target: `git add ${module} && git commit -m "fix ${index}"` },
  ][index % 5];
};
const sessions = {
  repeating: Array.from({ length: ACTIONS }, (_, index) => JSON.stringify({ session_id: 'bench', ...samples[index % samples.length] })).join('\n'),
  distinct: Array.from({ length: ACTIONS }, (_, index) => JSON.stringify({ session_id: 'bench', ...distinct(index) })).join('\n'),
};
const HEAD = 'a'.repeat(40);
const BASE = 'b'.repeat(40);
const token = 'ghs_bench';
const key = signingKeyPair(mkdtempSync(join(tmpdir(), 'cavra-bench-key-')));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

let requests = 0;
let violations = [];
// Run 0 is not timed: the API double compiles its OpenAPI validators on the first request of each
// operation (~100 ms, in this process, while the Action waits for its answers). Each run starts
// a new Action process, which keeps no cache between runs.
async function timeSession(session) {
  const wall = [];
  const cpu = [];
  for (let run = -1; run < RUNS; run += 1) {
    const api = await startGitHubApiDouble({
      owner: 'acme',
      repo: 'shop',
      token,
      contents: {},
      pull: { number: 7, headSha: HEAD, baseSha: BASE, author: { login: 'dave' }, files: Array.from({ length: 50 }, (_, index) => ({ filename: `src/file-${index}.ts` })) },
    });
    const started = process.hrtime.bigint();
    const result = await runGateAction({
      apiUrl: api.url,
      token,
      eventName: 'pull_request',
      event: { number: 7, pull_request: { number: 7, head: { sha: HEAD, repo: { full_name: 'acme/shop' } }, base: { sha: BASE } } },
      repository: 'acme/shop',
      inputs: { 'signing-key': key.privatePem, sessions: 'session.jsonl' },
      files: { 'session.jsonl': session },
      // CPU time as well as wall time: on a shared machine the wall clock mostly measures the neighbours.
      ...(existsSync('/usr/bin/time') ? { wrapper: ['/usr/bin/time', '-f', 'cavra-bench-cpu %U %S'] } : {}),
    });
    const times = /cavra-bench-cpu ([\d.]+) ([\d.]+)/.exec(result.stderr);
    if (run >= 0) {
      if (times) cpu.push((Number(times[1]) + Number(times[2])) * 1000);
      wall.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    requests = api.requests.length;
    violations = api.violations;
    await api.close();
    if (result.code !== 0 || result.outputs.conclusion !== 'success') throw new Error(`the Action did not pass: ${result.stdout}${result.stderr}`);
  }
  return { wall, cpu };
}
const repeating = await timeSession(sessions.repeating);
const distinctRun = await timeSession(sessions.distinct);

// Start-up: importing the bundle (no self-start: argv[1] is not the bundle) against an empty node.
const time = (args) => {
  const started = process.hrtime.bigint();
  execFileSync(process.execPath, args, { stdio: 'ignore' });
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const bare = [];
const loaded = [];
for (let i = 0; i < 7; i += 1) {
  bare.push(time(['-e', '0']));
  loaded.push(time(['--input-type=module', '-e', `await import(${JSON.stringify(main)})`]));
}

process.stdout.write(
  `${JSON.stringify({
    actions: ACTIONS + 50,
    runs: RUNS,
    action_wall_ms_median: Math.round(median(repeating.wall)),
    action_wall_ms_all: repeating.wall.map(Math.round),
    action_cpu_ms_median: repeating.cpu.length ? Math.round(median(repeating.cpu)) : null,
    target_ms: 2000,
    distinct_session: {
      action_wall_ms_median: Math.round(median(distinctRun.wall)),
      action_wall_ms_all: distinctRun.wall.map(Math.round),
      action_cpu_ms_median: distinctRun.cpu.length ? Math.round(median(distinctRun.cpu)) : null,
    },
    api_requests: requests,
    api_violations: violations.length,
    load_average_1m: Number(loadavg()[0].toFixed(1)),
    cores: availableParallelism(),
    node_e0_ms_median: Math.round(median(bare)),
    bundle_import_ms_median: Math.round(median(loaded)),
    bundle_startup_over_node_ms: Math.round(median(loaded) - median(bare)),
  })}\n`,
);
