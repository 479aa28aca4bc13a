import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CavraError } from '../errors.ts';
import { compilePack, type CompiledPack } from '../policy/compile.ts';
import { resolvePack, type ResolvedPack } from '../policy/merge.ts';
import type { PackDocument, PackSource } from '../policy/pack.ts';
import { parsePack } from '../policy/parse.ts';
import { BUILTIN_PACK_JSON } from './builtin-packs.generated.ts';
import { BUILTIN_PACK_RESOLVED, type ResolvedBuiltinPack } from './builtin-packs-resolved.generated.ts';

export interface PackCatalogOptions {
  /** Directories holding `<id>/policy.yaml` or `<id>.yaml`; they are searched before built-ins. */
  policyDirs?: readonly string[];
  /** Pack files named directly; each is registered under its `metadata.id`. */
  packFiles?: readonly string[];
}

/** Where packs come from: named files, policy directories, then the built-in packs. */
export class PackCatalog {
  readonly #files = new Map<string, PackSource>();
  readonly #dirs: readonly string[];
  readonly #compiled = new Map<string, CompiledPack>();

  constructor(options: PackCatalogOptions = {}) {
    this.#dirs = options.policyDirs ?? [];
    for (const dir of this.#dirs) assertDirectory(dir);
    for (const file of options.packFiles ?? []) {
      const source = { file, text: readText(file) };
      this.#files.set(parsePack(source).metadata.id, source);
    }
  }

  /** The ids of the packs named as files, in the order given. */
  get fileIds(): string[] {
    return [...this.#files.keys()];
  }

  lookup(id: string): PackSource | undefined {
    const named = this.#files.get(id);
    if (named) return named;
    // Ids are directory or file names: nothing that could climb out of the policy directory.
    if (!/^[A-Za-z0-9_.-]+$/.test(id) || id.startsWith('.')) return undefined;
    for (const dir of this.#dirs) {
      for (const file of [join(dir, id, 'policy.yaml'), join(dir, `${id}.yaml`), join(dir, `${id}.yml`)]) {
        if (isFile(file)) return { file, text: readText(file) };
      }
    }
    const json = Object.hasOwn(BUILTIN_PACK_JSON, id) ? BUILTIN_PACK_JSON[id] : undefined;
    // JSON is YAML 1.2: the text serves wherever a pack's source is read.
    return json === undefined ? undefined : { file: `builtin:${id}`, text: json, json };
  }

  /** Loads, merges and validates a pack and its parents. */
  resolve(id: string): ResolvedPack {
    return resolvePack(id, (packId) => this.lookup(packId));
  }

  /** Compiles a pack once; later calls return the same object. */
  compile(id: string): CompiledPack {
    let pack = this.#compiled.get(id);
    if (!pack) {
      const prebuilt = this.#prebuilt(id);
      if (prebuilt) {
        pack = compilePack(JSON.parse(prebuilt.json) as PackDocument, prebuilt.digest);
      } else {
        const resolved = this.resolve(id);
        pack = compilePack(resolved.document, packDigest(resolved));
      }
      this.#compiled.set(id, pack);
    }
    return pack;
  }

  // A built-in's build-time resolution holds only while every pack of its chain is the built-in.
  #prebuilt(id: string): ResolvedBuiltinPack | undefined {
    const prebuilt = Object.hasOwn(BUILTIN_PACK_RESOLVED, id) ? BUILTIN_PACK_RESOLVED[id] : undefined;
    return prebuilt?.chain.every((packId) => this.lookup(packId)?.file === `builtin:${packId}`) ? prebuilt : undefined;
  }

  /** Every pack id available, policy directories and named files first. */
  list(): string[] {
    const ids = new Set<string>(this.#files.keys());
    for (const dir of this.#dirs) {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && isFile(join(dir, entry.name, 'policy.yaml'))) ids.add(entry.name);
        else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) ids.add(basename(entry.name).replace(/\.ya?ml$/, ''));
      }
    }
    for (const id of Object.keys(BUILTIN_PACK_JSON)) ids.add(id);
    return [...ids];
  }
}

/** `sha256:<hex>` over the RFC 8785 form of the merged pack, so that equal policy has one digest. */
export function packDigest(resolved: ResolvedPack): string {
  const { tests: _tests, ...policy } = resolved.document;
  return `sha256:${hash('sha256', canonicalize(policy) ?? '')}`;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot read policy pack \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, {
      cause,
      hint: 'check the path given to `--pack`',
      details: { file },
    });
  }
}

function assertDirectory(dir: string): void {
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `policy directory \`${dir}\` does not exist or is not a directory`, {
      hint: 'pass a directory that holds `<id>/policy.yaml` or `<id>.yaml` files',
      details: { dir },
    });
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
