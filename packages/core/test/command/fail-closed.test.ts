// Without a loaded analyser, a command is never allowed (this file never loads one; vitest
// isolates modules per file).
import { describe, expect, test } from 'vitest';
import { compilePack, evaluate, loadedCommandAnalyzer, parsePack } from '@cavra/core';

const pack = compilePack(parsePack({ file: 'inline.yaml', text: 'metadata: {id: allow-all, title: t, version: 1}\ncommands:\n  allow: ["*"]\n' }));
const context = { now: () => new Date(0), randomHex: (bytes: number) => '0'.repeat(bytes * 2) };

describe('command decisions without the parser', () => {
  test('fail closed with ERR_COMMAND_PARSER_UNAVAILABLE', () => {
    expect(loadedCommandAnalyzer()).toBeUndefined();
    const record = evaluate({ packs: new Map([[pack.id, pack]]), defaultPackId: pack.id }, { action_type: 'execute_command', target: 'ls' }, context);
    expect(record.decision).toBe('block');
    expect(record.rule_id).toBe('cavra.evaluation.error');
    expect(record.reason).toContain('ERR_COMMAND_PARSER_UNAVAILABLE');
  });
});
