import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CAVRA_VERSION, formatSha256Sums, parseSha256Sums } from '@cavra/core';
import { REPO_ROOT } from '../../../../test/support/paths.ts';

test('SHA256SUMS is sorted `<hex>  <path>` lines, and reads back', () => {
  const text = formatSha256Sums([
    { path: 'dist/cli/cavra.mjs', sha256: 'b'.repeat(64) },
    { path: 'dist/SHA256SUMS.sig', sha256: 'a'.repeat(64) },
  ]);
  expect(text).toBe(`${'a'.repeat(64)}  dist/SHA256SUMS.sig\n${'b'.repeat(64)}  dist/cli/cavra.mjs\n`);
  expect(parseSha256Sums(text)).toEqual({ entries: [{ path: 'dist/SHA256SUMS.sig', sha256: 'a'.repeat(64) }, { path: 'dist/cli/cavra.mjs', sha256: 'b'.repeat(64) }], problems: [] });
});

test.for([
  [`${'a'.repeat(64)}  ../outside.mjs`],
  [`${'a'.repeat(64)}  /etc/passwd`],
  [`${'a'.repeat(64)}  dist//x`],
  [`${'a'.repeat(63)}  dist/x`],
  [`${'A'.repeat(64)}  dist/x`],
  ['dist/x'],
])('a line that is not a relative path under the root is a problem, never skipped: %s', ([line]) => {
  const parsed = parseSha256Sums(`${line}\n${'c'.repeat(64)}  dist/ok\n`);
  expect(parsed.problems).toHaveLength(1);
  expect(parsed.entries).toEqual([{ path: 'dist/ok', sha256: 'c'.repeat(64) }]);
});

test("this tool's version is the root package's", () => {
  expect(CAVRA_VERSION).toBe((JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version);
});
