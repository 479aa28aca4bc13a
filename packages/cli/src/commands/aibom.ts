import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AIBOM_FILE, CavraError, aiBomFromEvidence, describeRunningTool } from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';

/**
 * `cavra aibom DIR [--rebuild]`: prints the AI-BOM of an evidence directory: the one the run wrote
 * and sealed (`cavra verify DIR` checks it), or, when there is none or with `--rebuild`, one
 * rebuilt from the evidence log.
 */
export const aibomCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { rebuild: { type: 'boolean', default: false } } });
  const dir = positionals[0];
  if (dir === undefined || positionals.length > 1) throw new CavraError('ERR_USAGE', 'give one evidence directory', { hint: 'cavra aibom DIR [--rebuild]' });
  const sealed = join(dir, AIBOM_FILE);
  if (!values.rebuild && existsSync(sealed)) {
    await writeAll(io.stdout, readFileSync(sealed, 'utf8'));
    return EXIT.ok;
  }
  const text = await aiBomFromEvidence(dir, { tool: describeRunningTool(process.argv[1]), now: () => new Date() });
  io.stderr.write(`cavra: rebuilt from ${join(dir, 'evidence.jsonl')}: the log names agents, MCP calls and pack digests, not agent versions or models\n`);
  await writeAll(io.stdout, text);
  return EXIT.ok;
};
