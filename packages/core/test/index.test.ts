// The public surface: every export of @cavra/core is reachable and is what it says.
import { expect, test } from 'vitest';
import * as core from '@cavra/core';

// The surface cannot grow or shrink unnoticed: an export added or removed changes this snapshot,
// which a reviewer then sees (`npx vitest run -u` after a deliberate change).
test('the runtime exports are exactly the curated ones', () => {
  expect(Object.keys(core).sort()).toMatchSnapshot();
  for (const [name, value] of Object.entries(core)) expect(value, name).toBeDefined();
});

test('closed sets are the documented ones', () => {
  expect(core.DECISIONS).toEqual(['allow', 'audit_only', 'warn', 'allow_with_attestation', 'require_approval', 'block']);
  expect(core.SEVERITIES).toEqual(['low', 'medium', 'high', 'critical']);
  expect(core.ACTION_TYPES).toEqual(['read_file', 'write_file', 'execute_command', 'git_operation', 'mcp_tool_call', 'release_governance_record']);
  expect(core.DEFAULT_PACK_ID).toBe('cavra-ai-agent-baseline');
  expect(core.GATE_DEFAULT_PACK_ID).toBe('cavra-ci-baseline');
  expect(core.PROVIDER_IDS).toEqual(['local', 'github', 'gitlab', 'azure']);
  expect(new Set(core.CAVRA_ERROR_CODES).size).toBe(core.CAVRA_ERROR_CODES.length);
  for (const code of core.CAVRA_ERROR_CODES) expect(code).toMatch(/^ERR_[A-Z_]+$/);
});

test('strictness orders the six decisions', () => {
  expect(core.isStricter('block', 'require_approval')).toBe(true);
  expect(core.isStricter('require_approval', 'allow_with_attestation')).toBe(true);
  expect(core.isStricter('warn', 'audit_only')).toBe(true);
  expect(core.isStricter('allow', 'audit_only')).toBe(false);
  // The documented order, written out here: strictness is read off DECISIONS, so a test against DECISIONS could not fail.
  const strictestFirst = ['block', 'require_approval', 'allow_with_attestation', 'warn', 'audit_only', 'allow'] as const;
  strictestFirst.forEach((a, i) => strictestFirst.forEach((b, j) => expect(core.isStricter(a, b), `${a} over ${b}`).toBe(i < j)));
  expect(core.permitsAction('warn')).toBe(true);
  expect(core.permitsAction('require_approval')).toBe(false);
});

test('CavraError is recognised by shape, as bundled copies need', () => {
  const error = new core.CavraError('ERR_USAGE', 'bad flag', { hint: 'fix it' });
  expect(core.isCavraError(error)).toBe(true);
  expect(core.isCavraError({ name: 'CavraError', code: 'ERR_USAGE' })).toBe(true);
  expect(core.isCavraError(new Error('x'))).toBe(false);
  expect(core.isUserInputError(error)).toBe(true);
  expect(core.isUserInputError(new core.CavraError('ERR_VERIFY_FAILED', 'x'))).toBe(false);
});
