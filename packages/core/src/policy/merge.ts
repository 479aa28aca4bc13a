import { CavraError } from '../errors.ts';
import type { PackDocument, PackRule, PackSource } from './pack.ts';
import { parsePack } from './parse.ts';

/** Finds the source of a pack by id; returns undefined when there is none. */
export type PackLookup = (id: string) => PackSource | undefined;

/** A pack after inheritance and normalisation, with the files it was built from. */
export interface ResolvedPack {
  document: PackDocument;
  sources: PackSource[];
}

/**
 * Loads a pack and folds in its parents (cavra-reference §2.3): parents left to right, then
 * the child; lists concatenate and de-duplicate, objects merge, scalars are replaced. Unlike
 * upstream, an inheritance cycle is an error.
 */
export function resolvePack(id: string, lookup: PackLookup, stack: readonly string[] = []): ResolvedPack {
  if (stack.includes(id)) {
    throw new CavraError('ERR_POLICY_INHERITANCE_CYCLE', `policy pack inheritance cycle: \`${[...stack, id].join('` -> `')}\``, {
      hint: 'remove one of the `metadata.inherits` entries that close the cycle',
      details: { chain: [...stack, id] },
    });
  }
  const source = lookup(id);
  if (!source) {
    const from = stack.length > 0 ? ` (inherited by \`${stack[stack.length - 1]}\`)` : '';
    throw new CavraError('ERR_POLICY_PACK_NOT_FOUND', `unknown policy pack \`${id}\`${from}`, {
      hint: 'run `cavra policy list` to see the available packs, or pass `--policy-dir DIR` or `--pack FILE`',
      details: { pack: id },
    });
  }
  const document = parsePack(source);
  const parents = toList(document.metadata.inherits);
  if (parents.length === 0) return { document: normalizePack(document), sources: [source] };

  const resolvedParents = parents.map((parent) => resolvePack(parent, lookup, [...stack, id]));
  let merged: PackDocument = structuredClone(resolvedParents[0]!.document);
  for (const overlay of [...resolvedParents.slice(1).map((parent) => parent.document), document]) {
    merged = mergePack(merged, overlay);
  }
  merged.tests = document.tests;
  return {
    document: normalizePack(merged),
    sources: [source, ...resolvedParents.flatMap((parent) => parent.sources)],
  };
}

function mergePack(base: PackDocument, overlay: PackDocument): PackDocument {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    if (key === 'metadata') {
      const metadata: Record<string, unknown> = { ...base.metadata };
      for (const [field, fieldValue] of Object.entries(overlay.metadata)) {
        if (fieldValue !== null && fieldValue !== undefined) metadata[field] = fieldValue;
      }
      metadata.inherits = overlay.metadata.inherits;
      result.metadata = metadata;
    } else if (key === 'rules') {
      result.rules = mergeRules(base.rules ?? [], overlay.rules ?? []);
    } else {
      result[key] = mergeValue(result[key], value);
    }
  }
  return result as unknown as PackDocument;
}

function mergeValue(base: unknown, overlay: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(overlay)) {
    const seen = new Set<string>();
    return [...base, ...overlay].filter((item) => {
      const key = JSON.stringify(item);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  if (isPlainObject(base) && isPlainObject(overlay)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(overlay)) merged[key] = mergeValue(base[key], value);
    return merged;
  }
  return structuredClone(overlay);
}

// A child rule with the id of a parent rule replaces it, so a child can relax or tighten one rule.
function mergeRules(base: readonly PackRule[], overlay: readonly PackRule[]): PackRule[] {
  const overridden = new Set(overlay.map((rule) => rule.id));
  return [...base.filter((rule) => !overridden.has(rule.id)), ...overlay];
}

// §2.3 step 5: lists under filesystem and commands, and the MCP server lists, are sorted by
// code point. Order never changes a decision; it only changes which pattern a reason names.
function normalizePack(document: PackDocument): PackDocument {
  const normalized = structuredClone(document);
  for (const section of [normalized.filesystem, normalized.commands] as Array<Record<string, unknown> | undefined>) {
    if (!section) continue;
    for (const [key, value] of Object.entries(section)) {
      if (Array.isArray(value)) section[key] = sortByCodePoint(value.map(String));
    }
  }
  if (normalized.mcp?.allowed_servers) normalized.mcp.allowed_servers = sortByCodePoint(normalized.mcp.allowed_servers);
  if (normalized.mcp?.blocked_servers) normalized.mcp.blocked_servers = sortByCodePoint(normalized.mcp.blocked_servers);
  return normalized;
}

function sortByCodePoint(values: readonly string[]): string[] {
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function toList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
