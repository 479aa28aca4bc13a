// Runs every benchmark in bench/ (or those named on the command line) one after another, each
// in its own process, and prints one JSON object: { "<name>": <that benchmark's figures> }.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const names = readdirSync(dir)
  .filter((name) => name.endsWith('.mjs') && name !== 'run.mjs')
  .map((name) => name.replace(/\.mjs$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

const results = {};
for (const name of names) {
  process.stderr.write(`bench: ${name}…\n`);
  const output = execFileSync(process.execPath, [join(dir, `${name}.mjs`)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  results[name] = JSON.parse(output);
}
process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
