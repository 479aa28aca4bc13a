// `cavra evidence push|pull` handlers, in-process with an in-memory CliIo, against the local folder store.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createEvidencePullCommand, createEvidencePushCommand } from '../packages/cli/src/commands/evidence-storage.ts';
import { RECEIPT_FILE, type StorageReceipt } from '../packages/core/src/index.ts';
import { digestTree, makeEvidenceDir, tempDir } from '../packages/core/test/storage/support/evidence-dir.ts';
import { runHandler } from '../packages/core/test/storage/support/run-handler.ts';

const NOW = new Date('2026-03-04T05:06:07.000Z');
const edge = { env: {}, now: () => NOW };
const push = (args: string[]) => runHandler(createEvidencePushCommand(edge), args);
const pull = (args: string[]) => runHandler(createEvidencePullCommand(edge), args);

describe('cavra evidence push|pull (local folder)', () => {
  test('push prints the receipt it wrote, warns that the copy is mutable, and pull restores the files', async () => {
    const dir = makeEvidenceDir('cli');
    const store = `file://${tempDir('store')}`;
    const pushed = await push([dir, store, '--allow-mutable', '--retain-days', '7', '--mode', 'compliance', '--legal-hold']);
    expect(pushed.exit).toBe(0);
    const receipt = JSON.parse(pushed.stdout) as StorageReceipt;
    expect(receipt.requested).toEqual({ mode: 'compliance', retain_until: '2026-03-11T05:06:07.000Z', legal_hold: true });
    expect(JSON.parse(readFileSync(join(dir, RECEIPT_FILE), 'utf8'))).toEqual(receipt);
    expect(pushed.stderr).toContain('is mutable');
    const target = join(tempDir('pull'), 'out');
    const pulled = await pull([store, target]);
    expect(pulled.exit).toBe(0);
    expect(digestTree(target)).toEqual(digestTree(dir, [RECEIPT_FILE]));
  });

  test('a folder without --allow-mutable is refused with exit 1 and no receipt', async () => {
    const dir = makeEvidenceDir('cli-refused');
    const result = await push([dir, `file://${tempDir('store')}`]);
    expect([result.exit, result.error?.code, result.stdout]).toEqual([1, 'ERR_STORE_NOT_IMMUTABLE', '']);
    expect(existsSync(join(dir, RECEIPT_FILE))).toBe(false);
  });

  test.for([
    ['no URI', ['DIR']],
    ['an unknown mode', ['DIR', 'file:///tmp/x', '--mode', 'strict']],
    ['days that are not a number', ['DIR', 'file:///tmp/x', '--retain-days', '1y']],
    ['zero days', ['DIR', 'file:///tmp/x', '--retain-days', '0']],
    ['an unknown scheme', ['DIR', 'gs://bucket/x']],
  ] as Array<[string, string[]]>)('push with %s is a usage error (exit 2)', async ([, args]) => {
    const dir = makeEvidenceDir('cli-usage');
    const result = await push(args.map((arg) => (arg === 'DIR' ? dir : arg)));
    expect([result.exit, result.error?.code]).toEqual([2, 'ERR_USAGE']);
  });

  test('an unknown flag is rejected by parseArgs before anything runs', async () => {
    await expect(push(['a', 'b', '--retain', '3'])).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_UNKNOWN_OPTION' });
  });

  test('a missing evidence directory is bad input (exit 2)', async () => {
    const result = await push([join(tempDir('none'), 'missing'), `file://${tempDir('store')}`, '--allow-mutable']);
    expect([result.exit, result.error?.code]).toEqual([2, 'ERR_INPUT_UNREADABLE']);
  });
});
