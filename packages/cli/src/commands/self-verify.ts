import { parseArgs } from 'node:util';
import { CavraError, checkRunningBundle } from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';

/**
 * `cavra self-verify [--sums FILE] [--json]`: checks the bundle this command runs from against
 * `SHA256SUMS` (a trusted copy with `--sums`, else the one beside the bundle). Exit 1 on any mismatch.
 */
export const selfVerifyCommand: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { sums: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (positionals.length > 0) throw new CavraError('ERR_USAGE', 'self-verify takes no arguments', { hint: 'cavra self-verify [--sums FILE] [--json]' });
  const entry = process.argv[1];
  if (entry === undefined) throw new CavraError('ERR_USAGE', 'cannot tell which file is running', { hint: 'run it as `node dist/cli/cavra.mjs self-verify`' });
  const check = checkRunningBundle(entry, values.sums === undefined ? {} : { sumsFile: values.sums });
  const text = values.json
    ? `${JSON.stringify(check, null, 2)}\n`
    : check.valid
      ? `ok: ${check.checked} files match ${check.sumsFile} (sha256 ${check.sumsSha256})\n`
      : `${check.problems.map((problem) => `problem: ${problem}\n`).join('')}self-verify failed: the running bundle does not match ${check.sumsFile ?? 'SHA256SUMS'}\n`;
  await writeAll(check.valid || values.json ? io.stdout : io.stderr, text);
  return check.valid ? EXIT.ok : EXIT.failed;
};
