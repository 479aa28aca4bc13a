import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CavraError, KeyBundleSigner, SigstoreSigner, noteSignerFromKey, privateKeyFromPem, proveRecord, runnerTokenSource, sealEvidence, DEFAULT_ORIGIN, type Signer } from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';
import { evidencePullCommand, evidencePushCommand } from './evidence-storage.ts';

const SUBCOMMANDS: Readonly<Record<string, Command>> = {
  seal: async (args, io) => seal(args, io),
  prove: async (args, io) => prove(args, io),
  push: evidencePushCommand,
  pull: evidencePullCommand,
};

/** `cavra evidence seal|prove|push|pull`. */
export const evidenceCommand: Command = async (args, io) => {
  const [sub, ...rest] = args;
  const command = sub === undefined ? undefined : SUBCOMMANDS[sub];
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
      'fulcio-url': { type: 'string' },
      'rekor-url': { type: 'string' },
      'tsa-url': { type: 'string' },
      'identity-token-file': { type: 'string' },
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

// The OIDC token is read here, at the edge: from `--identity-token-file`, `SIGSTORE_ID_TOKEN`,
// or else asked of the CI provider with audience `sigstore` (GitHub's token endpoint; a GitLab
// `id_tokens:` variable; Azure Pipelines' OIDC endpoint). It is never printed or written.
async function keylessSigner(values: { 'fulcio-url'?: string; 'rekor-url'?: string; 'tsa-url'?: string; 'identity-token-file'?: string }, env: Readonly<Record<string, string | undefined>>): Promise<Signer> {
  const file = values['identity-token-file'];
  let token = (file !== undefined ? readInput(file, 'identity-token-file').toString('utf8') : (env.SIGSTORE_ID_TOKEN ?? '')).trim();
  if (token === '' && (env.GITHUB_ACTIONS === 'true' || env.GITLAB_CI === 'true' || env.TF_BUILD?.toLowerCase() === 'true')) {
    const source = runnerTokenSource({ env, fetch: globalThis.fetch, audience: 'sigstore', gitlabTokenVariable: 'SIGSTORE_ID_TOKEN' });
    token = (await source.acquire()).reveal();
  }
  if (token === '') throw new CavraError('ERR_USAGE', '`--keyless` needs an OIDC token', { hint: 'pass `--identity-token-file FILE`, set `SIGSTORE_ID_TOKEN` (audience `sigstore`), or run in a CI job that can issue OIDC tokens' });
  return new SigstoreSigner({
    identityToken: token,
    ...(values['fulcio-url'] ? { fulcioURL: values['fulcio-url'] } : {}),
    ...(values['rekor-url'] ? { rekorURL: values['rekor-url'] } : {}),
    ...(values['tsa-url'] ? { tsaURL: values['tsa-url'] } : {}),
  });
}

function onePositional(positionals: string[], usage: string): string {
  if (positionals.length !== 1) throw new CavraError('ERR_USAGE', `expected one directory: \`${usage}\``);
  return positionals[0]!;
}

/** Reads a file given on the command line; errors name the flag, never the content. */
export function readInput(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read \`--${flag}\` file \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
}

/** Reads a JSON object file given on the command line. */
export function readJsonObject(file: string, flag: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(readInput(file, flag).toString('utf8'));
  } catch (cause) {
    if ((cause as CavraError).code === 'ERR_INPUT_UNREADABLE') throw cause;
    throw new CavraError('ERR_INPUT_INVALID_JSON', `\`--${flag}\` file \`${file}\` is not valid JSON`, { cause });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CavraError('ERR_INPUT_INVALID_JSON', `\`--${flag}\` file \`${file}\` is not a JSON object`);
  return value as Record<string, unknown>;
}
