// Glob matching on hostile input (issue 17 item 7): a 1 MB target against the patterns that
// stalled the RegExp matcher for seconds to minutes, each timed as a miss and as a hit, plus the
// same through `evaluate()` with those patterns in a pack (the request cap is 256 KiB, so the
// decision case uses the largest target it accepts). Prints JSON; times in milliseconds.
import * as core from '../packages/core/src/index.ts';

const MB = 1024 * 1024;
const cases = [
  { pattern: '**/**/**/**/**/secret', options: { globstarMatchesRoot: true }, miss: 'a/'.repeat(MB / 2) + 'b', hit: 'a/'.repeat(MB / 2 - 3) + 'secret' },
  { pattern: '*-*-*-*-*-*-*-*x', options: {}, miss: '-'.repeat(MB), hit: '-'.repeat(MB - 1) + 'x' },
  { pattern: '**/*.pem', options: { globstarMatchesRoot: true, caseInsensitive: true }, miss: 'a/'.repeat(MB / 2), hit: 'a/'.repeat(MB / 2 - 4) + 'k.PEM' },
  { pattern: '*a*a*a*a*a*a*a*a*a*ab', options: {}, miss: 'a'.repeat(MB), hit: 'a'.repeat(MB - 1) + 'b' },
];

function time(fn, runs = 5) {
  const samples = [];
  let result;
  for (let index = 0; index < runs; index += 1) {
    const started = process.hrtime.bigint();
    result = fn();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { result, median_ms: round(samples[Math.floor(runs / 2)]), max_ms: round(samples[runs - 1]) };
}

const round = (value) => Math.round(value * 1000) / 1000;

const matcher = cases.map(({ pattern, options, miss, hit }) => {
  const glob = core.compileGlob(pattern, options);
  const missTime = time(() => glob.test(miss));
  const hitTime = time(() => glob.test(hit));
  if (missTime.result !== false || hitTime.result !== true) throw new Error(`wrong answer for ${pattern}`);
  return { pattern, target_bytes: miss.length, miss: { median_ms: missTime.median_ms, max_ms: missTime.max_ms }, hit: { median_ms: hitTime.median_ms, max_ms: hitTime.max_ms } };
});

await core.loadCommandAnalyzer();
const pack = core.compilePack(core.parsePack({
  file: 'hostile.yaml',
  text: 'metadata: {id: hostile, title: Hostile, version: 1}\nfilesystem:\n  case_insensitive: true\n  block_read: ["**/**/**/**/**/secret", "**/*.pem"]\ncommands:\n  block: ["*-*-*-*-*-*-*-*x"]\n',
}));
const policy = { packs: new Map([[pack.id, pack]]), defaultPackId: pack.id };
const context = { now: () => new Date(0), randomHex: (bytes) => '0'.repeat(bytes * 2) };
const largest = core.MAX_TARGET_LENGTH;
const decisions = [
  { action_type: 'read_file', target: 'a/'.repeat(largest / 2 - 3) + 'secret', expect: 'block' },
  { action_type: 'read_file', target: 'a/'.repeat(largest / 2), expect: 'allow' },
  { action_type: 'execute_command', target: 'echo ' + '-'.repeat(largest - 6) + 'x', expect: 'block' },
  { action_type: 'read_file', target: 'a'.repeat(largest + 1), expect: 'block' },
].map(({ expect, ...request }) => {
  const timed = time(() => core.evaluate(policy, request, context).decision, 3);
  if (timed.result !== expect) throw new Error(`${request.action_type} of ${request.target.length} characters: ${timed.result}, expected ${expect}`);
  return { action_type: request.action_type, target_chars: request.target.length, decision: timed.result, median_ms: timed.median_ms, max_ms: timed.max_ms };
});

process.stdout.write(`${JSON.stringify({ matcher, evaluate: decisions }, null, 2)}\n`);
