import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CavraError } from '@cavra/core';
import type { Command } from '../io.ts';
import { gateCommand } from './gate.ts';

/**
 * `cavra demo`: the gate on the embedded defaults — the bundled demo scenario, the default pack,
 * a local signing key and the local folder store — in shadow mode, so it reports what it would
 * hold back without failing.
 */
export const demoCommand: Command = async (args, io) => gateCommand(['--provider', 'local', '--mode', 'shadow', '--session', findDemoSession(), ...args], io);

// The bundle lives in dist/cli/ and the source in packages/cli/src/commands/; both reach fixtures/.
function findDemoSession(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, 'fixtures', 'demo', 'requests.jsonl');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new CavraError('ERR_INPUT_UNREADABLE', 'cannot find the bundled demo scenario `fixtures/demo/requests.jsonl`', { hint: 'run from a checkout of the cavra repository' });
}
