import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CavraError } from '@cavra/core';
import type { Command } from '../io.ts';
import { evaluateCommand } from './evaluate.ts';

/** `cavra demo`: evaluates the bundled demo scenario under the default pack. */
export const demoCommand: Command = async (args, io) => {
  const batch = findDemoBatch();
  return evaluateCommand(['--batch', batch, ...args], io);
};

// The bundle lives in dist/cli/ and the source in packages/cli/src/commands/; both reach fixtures/.
function findDemoBatch(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    const candidate = join(dir, 'fixtures', 'demo', 'requests.jsonl');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new CavraError('ERR_INPUT_UNREADABLE', 'cannot find the bundled demo scenario `fixtures/demo/requests.jsonl`', { hint: 'run from a checkout of the cavra repository' });
}
