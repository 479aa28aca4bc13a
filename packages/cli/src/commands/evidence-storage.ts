import { parseArgs } from 'node:util';
import { CavraError, DEFAULT_RETENTION, RETENTION_MODES, openEvidenceStore, parseRetentionDays, planRetention, pullEvidence, pushEvidence, type RetentionMode } from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';

const storeFlags = { endpoint: { type: 'string' } } as const;

/** Edge inputs of the storage verbs: the environment and clock, read once. */
export interface EvidenceStorageEdge {
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
}

const PROCESS_EDGE: EvidenceStorageEdge = { env: process.env, now: () => new Date() };

/**
 * `cavra evidence push DIR URI [--retain-days N] [--legal-hold] [--mode governance|compliance]
 * [--allow-mutable] [--endpoint URL]`: stores every file of DIR and prints the storage receipt.
 */
export function createEvidencePushCommand(edge: EvidenceStorageEdge = PROCESS_EDGE): Command {
  return async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        ...storeFlags,
        'retain-days': { type: 'string' },
        'legal-hold': { type: 'boolean', default: false },
        mode: { type: 'string' },
        'allow-mutable': { type: 'boolean', default: false },
      },
    });
    const [dir, uri] = expectPositionals(positionals, ['DIR', 'URI'], 'cavra evidence push DIR URI');
    const mode = parseMode(values.mode);
    const days = parseRetentionDays(values['retain-days'], '--retain-days');
    const retention = planRetention(edge.now(), days, mode, values['legal-hold']);
    const store = await openEvidenceStore(uri, { env: edge.env, ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }) });
    const receipt = await pushEvidence(dir, store, { retention, allowMutable: values['allow-mutable'], now: edge.now });
    await writeAll(io.stdout, `${JSON.stringify(receipt, null, 2)}\n`);
    if (!receipt.immutable) await writeAll(io.stderr, `cavra: warning: the copy at \`${receipt.uri}\` is mutable (${receipt.mutable_reason})\n`);
    return EXIT.ok;
  };
}

/** `cavra evidence pull URI DIR [--manifest KEY] [--endpoint URL]`: fetches and checks the receipt's push, or the newest that verifies, into DIR. */
export function createEvidencePullCommand(edge: EvidenceStorageEdge = PROCESS_EDGE): Command {
  return async (args, io) => {
    const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { ...storeFlags, manifest: { type: 'string' } } });
    const [uri, dir] = expectPositionals(positionals, ['URI', 'DIR'], 'cavra evidence pull URI DIR [--manifest KEY]');
    const store = await openEvidenceStore(uri, { env: edge.env, ...(values.endpoint === undefined ? {} : { endpoint: values.endpoint }) });
    const result = await pullEvidence(store, dir, values.manifest === undefined ? {} : { manifestKey: values.manifest });
    await writeAll(io.stdout, `${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  };
}

/** `cavra evidence push`, for the `evidence` dispatcher (arguments after `push`). */
export const evidencePushCommand: Command = createEvidencePushCommand();

/** `cavra evidence pull`, for the `evidence` dispatcher (arguments after `pull`). */
export const evidencePullCommand: Command = createEvidencePullCommand();

function expectPositionals(positionals: string[], names: readonly [string, string], synopsis: string): [string, string] {
  if (positionals.length !== names.length || positionals.some((value) => value === '')) {
    throw new CavraError('ERR_USAGE', `expected ${names.map((name) => `\`${name}\``).join(' and ')}, got ${positionals.length} argument(s)`, { hint: `usage: ${synopsis}` });
  }
  return [positionals[0]!, positionals[1]!];
}

function parseMode(value: string | undefined): RetentionMode {
  if (value === undefined) return DEFAULT_RETENTION.mode;
  if ((RETENTION_MODES as readonly string[]).includes(value)) return value as RetentionMode;
  throw new CavraError('ERR_USAGE', `unknown retention mode \`${value}\``, { hint: 'use `--mode governance` or `--mode compliance`' });
}
