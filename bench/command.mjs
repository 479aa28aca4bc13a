// Command analysis cost: per-command decision time over the evasion corpus (median, p99,
// after warm-up), and time to the first decision including parser start-up, both measured
// with `--liftoff-only` as the CLI runs. Prints one JSON object.
import { setFlagsFromString } from 'node:v8';
setFlagsFromString('--liftoff-only');
const started = performance.now();
const { compilePolicy, evaluate, loadCommandAnalyzer, openPolicy } = await import('../packages/core/src/index.ts');
const imported = performance.now();
const { readFileSync } = await import('node:fs');
const { join, dirname } = await import('node:path');
const { fileURLToPath } = await import('node:url');

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = JSON.parse(readFileSync(join(root, 'fixtures/evasions/corpus.json'), 'utf8'));
const policy = compilePolicy(openPolicy({ packs: [join(root, 'fixtures/evasions', corpus.pack)] }), []);
const context = { now: () => new Date(0), randomHex: (bytes) => '0'.repeat(bytes * 2) };
const beforeLoad = performance.now();
await loadCommandAnalyzer();
evaluate(policy, { action_type: 'execute_command', target: 'terraform plan && terraform apply' }, context);
const firstDecision = performance.now();

const commands = corpus.entries.map((entry) => entry.command);
const deadline = performance.now() + 1500;
while (performance.now() < deadline) for (const target of commands) evaluate(policy, { action_type: 'execute_command', target }, context);
const samples = [];
for (let round = 0; round < 20; round += 1) {
  for (const target of commands) {
    const t0 = performance.now();
    evaluate(policy, { action_type: 'execute_command', target }, context);
    samples.push((performance.now() - t0) * 1000);
  }
}
samples.sort((a, b) => a - b);
const at = (q) => Number(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))].toFixed(1));
console.log(JSON.stringify({
  bench: 'command',
  commands: commands.length,
  samples: samples.length,
  decision_us: { median: at(0.5), p99: at(0.99), max: at(1) },
  startup_ms: {
    import_core: Number((imported - started).toFixed(1)),
    parser_load_and_first_decision: Number((firstDecision - beforeLoad).toFixed(1)),
  },
  targets: { p99_us: 200, startup_ms: 100 },
}));
