// `tfx extension create` packages the extension, and the check fails on any tfx warning: tfx
// exits 0 when a task's execution target is missing, which would ship a task that cannot run.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SCRIPT = join(REPO_ROOT, 'scripts', 'package-azure-extension.mjs');

function packageExtension(root: string) {
  const out = join(mkdtempSync(join(tmpdir(), 'cavra-vsix-test-')), 'cavra-gate.vsix');
  const run = spawnSync(process.execPath, [SCRIPT, '--root', root, '--out', out], { encoding: 'utf8' });
  return { ...run, out };
}

test('the extension packages with no warning, and holds the task folder with its bundle', { timeout: 120_000 }, () => {
  const run = packageExtension(join(REPO_ROOT, 'azure-tasks'));
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  // Zip entry names are stored as plain text in the archive's headers.
  const vsix = readFileSync(run.out).toString('latin1');
  for (const entry of ['extension.vsixmanifest', 'CavraGateV1/task.json', 'CavraGateV1/dist/cavra-gate.mjs', 'CavraGateV1/dist/tree-sitter-bash.wasm', 'CavraGateV1/dist/web-tree-sitter.wasm']) {
    expect(vsix, entry).toContain(entry);
  }
  expect(vsix).not.toContain('node_modules/');
});

test('a task whose bundle is missing fails the check, although tfx itself exits 0', { timeout: 120_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'cavra-vsix-broken-'));
  cpSync(join(REPO_ROOT, 'azure-tasks'), root, { recursive: true });
  rmSync(join(root, 'CavraGateV1', 'dist', 'cavra-gate.mjs'));
  const run = packageExtension(root);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/execution\.Node24\.target references file that does not exist: dist\/cavra-gate\.mjs/);
});
