import { expect, test } from 'vitest';
import { normalizeFilePath } from '@cavra/core';

test.for([
  ['./.env', '.env'],
  ['a//b/', 'a/b'],
  ['docs/../.env', '.env'],
  ['x/../iam/role.tf', 'iam/role.tf'],
  ['a/b/../../c', 'c'],
  ['../outside/.env', '../outside/.env'],
  ['../../x', '../../x'],
  ['/repo/./src/../.env', '/repo/.env'],
  ['/../etc/passwd', '/etc/passwd'],
  ['', '.'],
  ['.', '.'],
  ['  src/app.ts  ', 'src/app.ts'],
  ['config\\.env', 'config/.env'],
] as const)('%j normalises to %j', ([raw, expected]) => {
  expect(normalizeFilePath(raw)).toBe(expected);
});
