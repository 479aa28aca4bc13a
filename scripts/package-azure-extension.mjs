// Packages the Azure DevOps extension (azure-tasks/vss-extension.json) with tfx, and fails on any
// warning: tfx exits 0 when a task's execution target is missing and only prints a warning, which
// would publish a task that cannot run. Usage:
//   node scripts/package-azure-extension.mjs [--root DIR] [--out FILE.vsix]
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { root: { type: 'string' }, out: { type: 'string' } } });
const extensionRoot = values.root ?? join(root, 'azure-tasks');
const out = values.out ?? join(mkdtempSync(join(tmpdir(), 'cavra-vsix-')), 'cavra-gate.vsix');
const tfx = join(dirname(createRequire(import.meta.url).resolve('tfx-cli/package.json')), '_build', 'tfx-cli.js');

const run = spawnSync(process.execPath, [tfx, 'extension', 'create', '--root', extensionRoot, '--manifest-globs', 'vss-extension.json', '--output-path', out, '--no-prompt', '--no-color'], {
  encoding: 'utf8',
  env: { ...process.env, NO_COLOR: '1' },
});
// tfx colours its output even with --no-color on some versions; read it without escape codes.
const text = `${run.stdout}\n${run.stderr}`.replace(/\u001b\[[0-9;]*m/g, '');
const problems = text.split('\n').filter((line) => /^\s*(warning|error)\b/i.test(line));
if (run.status !== 0 || problems.length > 0 || !/Completed operation: create extension/.test(text)) {
  process.stderr.write(`package-azure-extension: tfx ${run.status === 0 ? 'warned' : `exited ${run.status}`}\n${problems.join('\n') || text}\n`);
  process.exit(1);
}
process.stdout.write(`${out}\n`);
