import { existsSync, readFileSync } from 'node:fs';
import { CavraError } from '../errors.ts';
import type { DecisionPolicy } from '../decision/evaluate.ts';
import { DEFAULT_PACK_ID } from '../decision/types.ts';
import type { CompiledPack } from '../policy/compile.ts';
import { parseRegistry } from '../policy/registry.ts';
import { PackCatalog } from './pack-catalog.ts';

export interface PolicyOptions {
  /** `--pack` values: built-in or policy-dir ids, or YAML files. The first is the default pack. */
  packs?: readonly string[];
  policyDirs?: readonly string[];
  registryFile?: string;
}

/** A catalog plus the default pack and registry that a run decides with. */
export interface OpenPolicy {
  catalog: PackCatalog;
  defaultPackId: string;
  /** The ids of the packs named, in order (a file's id is the one inside it). */
  packIds: readonly string[];
  registry: DecisionPolicy['registry'];
}

/** Opens the packs and registry named on a command line; nothing is compiled yet. */
export function openPolicy(options: PolicyOptions): OpenPolicy {
  const packArgs = options.packs ?? [];
  const packFiles = packArgs.filter(isPackFile);
  const catalog = new PackCatalog({ policyDirs: options.policyDirs ?? [], packFiles });
  const fileIds = [...catalog.fileIds];
  const packIds = packArgs.map((arg) => (isPackFile(arg) ? fileIds.shift()! : arg));
  const defaultPackId = packIds[0] ?? DEFAULT_PACK_ID;
  return { catalog, defaultPackId, packIds, registry: options.registryFile ? readRegistry(options.registryFile) : undefined };
}

/** Compiles the given pack ids (and the default), failing on the first bad one, and returns a DecisionPolicy. */
export function compilePolicy(open: OpenPolicy, packIds: Iterable<string>): DecisionPolicy {
  const packs = new Map<string, CompiledPack>();
  for (const id of [open.defaultPackId, ...packIds]) if (!packs.has(id)) packs.set(id, open.catalog.compile(id));
  return { packs, defaultPackId: open.defaultPackId, ...(open.registry ? { registry: open.registry } : {}) };
}

function isPackFile(value: string): boolean {
  return /\.(ya?ml|json)$/i.test(value) || value.includes('/') || (existsSync(value) && !/^[A-Za-z0-9_.-]+$/.test(value));
}

function readRegistry(file: string): DecisionPolicy['registry'] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read registry \`${file}\``, { cause, hint: 'check the path given to `--registry`' });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_INVALID_JSON', `registry \`${file}\` is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  return parseRegistry(value, file);
}
