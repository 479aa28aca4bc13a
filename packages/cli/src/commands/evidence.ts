import { parseArgs } from 'node:util';
import { CavraError, KeyBundleSigner, noteSignerFromKey, privateKeyFromPem, proveRecord, sealEvidence, DEFAULT_ORIGIN, type Signer } from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';
import { readInput, readJsonObject } from '../read-input.ts';
import { evidencePullCommand, evidencePushCommand } from './evidence-storage.ts';
import { keylessFlags, keylessSigner } from './keyless.ts';

const SUBCOMMANDS: Readonly<Record<string, Command>> = {
  seal: async (args, io) => seal(args, io),
  prove: async (args, io) => prove(args, io),
  push: evidencePushCommand,
  pull: evidencePullCommand,
};

/** `cavra evidence seal|prove|push|pull`. */
export const evidenceCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const command = sub !== undefined && Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!command) throw new CavraError('ERR_USAGE', `unknown evidence subcommand \`${sub ?? ''}\``, { hint: `use one of ${Object.keys(SUBCOMMANDS).join(', ')}` });
  return command(rest, io);
};

// `cavra evidence seal DIR (--key PEM | --keyless) [--identity FILE] [--origin NAME] [--artefact FILE]...`
const seal: Command = async (args, io) => {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      key: { type: 'string' },
      keyless: { type: 'boolean', default: false },
      identity: { type: 'string' },
      origin: { type: 'string' },
      artefact: { type: 'string', multiple: true },
      ...keylessFlags,
    },
  });
  const dir = onePositional(positionals, 'cavra evidence seal DIR (--key PEM | --keyless)');
  if ((values.key === undefined) === !values.keyless) throw new CavraError('ERR_USAGE', 'give exactly one of `--key PEM` or `--keyless`');
  const origin = values.origin ?? DEFAULT_ORIGIN;
  let signer: Signer;
  let noteSigner;
  if (values.key !== undefined) {
    const privateKey = privateKeyFromPem(readInput(values.key, 'key'), values.key);
    signer = new KeyBundleSigner(privateKey);
    noteSigner = noteSignerFromKey(origin, privateKey);
  } else {
    signer = await keylessSigner(values, process.env);
  }
  const run = values.identity === undefined ? undefined : readJsonObject(values.identity, 'identity');
  const result = await sealEvidence(dir, {
    signer,
    ...(noteSigner ? { noteSigner } : {}),
    now: () => new Date(),
    origin,
    ...(run ? { run } : {}),
    ...(values.artefact ? { artefacts: values.artefact } : {}),
  });
  const { predicate } = result.statement;
  await writeAll(io.stdout, `${JSON.stringify({ bundle: result.bundlePath, tree_size: predicate.tree_size, root_hash: predicate.root_hash, sealed_at: predicate.sealed_at, decision_counts: predicate.decision_counts }, null, 2)}\n`);
  return EXIT.ok;
};

// `cavra evidence prove DIR --record N`
const prove: Command = async (args, io) => {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { record: { type: 'string' } } });
  const dir = onePositional(positionals, 'cavra evidence prove DIR --record N');
  const record = Number(values.record);
  if (values.record === undefined || !Number.isSafeInteger(record) || record < 1) throw new CavraError('ERR_USAGE', '`--record N` must be a record number from 1', { hint: 'records are numbered from 1 in log order' });
  await writeAll(io.stdout, `${JSON.stringify(proveRecord(dir, record), null, 2)}\n`);
  return EXIT.ok;
};

function onePositional(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new CavraError('ERR_USAGE', `expected one directory: \`${usage}\``);
  return positionals[0]!;
}
