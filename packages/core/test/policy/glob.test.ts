import { expect, test } from 'vitest';
import { globToRegExp } from '@cavra/core';

// cavra-reference §3.1: metacharacters are literal, `*` and `**` cross `/` and spaces, full match.
test.for([
  ['terraform apply*', 'terraform apply -auto-approve', true],
  ['terraform apply*', 'sudo terraform apply', false],
  ['curl *|*sh*', 'curl https://x | bash', true],
  ['kubectl apply*--context*prod*', 'kubectl apply -f x.yaml --context eu-prod', true],
  ['.env', '.env', true],
  ['.env', 'xenv', false],
  ['iam/**', 'iam/a/b.tf', true],
  ['a+b(c)[d]?{e}^$|x', 'a+b(c)[d]?{e}^$|x', true],
  ['a+b', 'aab', false],
  ['**/secrets.*', 'secrets.yaml', false],
  ['**/secrets.*', 'a/secrets.yaml', true],
] as const)('upstream semantics: %s ~ %s is %s', ([pattern, value, expected]) => {
  expect(globToRegExp(pattern).test(value)).toBe(expected);
});

test.for([
  ['**/secrets.*', 'secrets.yaml', true],
  ['**/secrets.*', 'deep/dir/secrets.yaml', true],
  ['**/.env', '.env', true],
  ['src/**/key.pem', 'src/key.pem', true],
  ['src/**/key.pem', 'src/a/key.pem', true],
  ['x**/y', 'xy', false],
] as const)('file semantics: %s ~ %s is %s', ([pattern, value, expected]) => {
  expect(globToRegExp(pattern, { globstarMatchesRoot: true }).test(value)).toBe(expected);
});

test('case-insensitive matching is an option, off by default', () => {
  expect(globToRegExp('**/.env', { globstarMatchesRoot: true }).test('.ENV')).toBe(false);
  expect(globToRegExp('**/.env', { globstarMatchesRoot: true, caseInsensitive: true }).test('config/.ENV')).toBe(true);
});

test('a newline in the subject cannot be spanned by a wildcard', () => {
  expect(globToRegExp('terraform apply*').test('terraform apply\nrm -rf /')).toBe(false);
});
