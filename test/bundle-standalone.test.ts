// CONTRACTS: `node dist/cli/cavra.mjs …` runs the committed bundle with no install. The bundle is
// copied where no node_modules can be found, and must still parse commands (wasm beside it),
// decide, and seal evidence.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { REPO_ROOT } from './support/paths.ts';

test('the committed bundle runs with no node_modules anywhere above it', () => {
  const root = mkdtempSync(join(tmpdir(), 'cavra-standalone-'));
  cpSync(join(REPO_ROOT, 'dist'), join(root, 'dist'), { recursive: true });
  const cavra = (...args: string[]) => spawnSync(process.execPath, [join(root, 'dist', 'cli', 'cavra.mjs'), ...args], { cwd: root, encoding: 'utf8' });

  const explained = cavra('explain', 'terraform plan && terraform apply -auto-approve', '--json');
  expect(explained.stderr).toBe('');
  expect(JSON.parse(explained.stdout)).toMatchObject({ decision: 'block', rule_id: 'commands.block' });

  const evaluated = cavra('evaluate', '--request', JSON.stringify({ action_type: 'read_file', target: 'docs/../.env' }), '--evidence', 'ev');
  expect(JSON.parse(evaluated.stdout)).toMatchObject({ decision: 'block', target: '.env' });
  expect(cavra('keys', 'generate', '--out', 'k').status).toBe(0);
  expect(cavra('evidence', 'seal', 'ev', '--key', 'k.pem').status).toBe(0);
  expect(cavra('verify', 'ev', '--trusted-key', 'k.pub.pem').status).toBe(0);
  // The CycloneDX library is bundled; its optional plug-ins (XML, validation) stay out and are not needed.
  const aibom = cavra('aibom', 'ev');
  expect(aibom.status).toBe(0);
  expect(JSON.parse(aibom.stdout)).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
  expect(cavra('self-verify').status).toBe(0);
});
