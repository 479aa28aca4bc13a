import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PackCatalog, packDigest } from '../../src/catalog/pack-catalog.ts';
import { BUILTIN_PACK_RESOLVED } from '../../src/catalog/builtin-packs-resolved.generated.ts';
import { BUILTIN_PACK_JSON } from '../../src/catalog/builtin-packs.generated.ts';
import { resolvePack } from '../../src/policy/merge.ts';

describe('built-in packs resolved at build time', () => {
  const catalog = new PackCatalog();

  it('cover every built-in pack', () => {
    expect(Object.keys(BUILTIN_PACK_RESOLVED).sort()).toEqual(Object.keys(BUILTIN_PACK_JSON).sort());
  });

  it.each(Object.keys(BUILTIN_PACK_JSON))('%s: the same document and digest as resolving it now', (id) => {
    const resolved = resolvePack(id, (packId) => catalog.lookup(packId));
    const prebuilt = BUILTIN_PACK_RESOLVED[id]!;
    expect(JSON.parse(prebuilt.json)).toEqual(JSON.parse(JSON.stringify(resolved.document)));
    expect(prebuilt.digest).toBe(packDigest(resolved));
    expect(catalog.compile(id).digest).toBe(prebuilt.digest);
  });

  it('are not used when a policy directory shadows a pack of the chain', () => {
    const [id, prebuilt] = Object.entries(BUILTIN_PACK_RESOLVED).find(([, pack]) => pack.chain.length > 1)!;
    const parent = prebuilt.chain[1]!;
    const dir = mkdtempSync(join(tmpdir(), 'cavra-shadow-'));
    mkdirSync(join(dir, parent));
    // The parent, with one more blocked read that only the shadowing copy has.
    const text = readFileSync(new URL(`../../packs/${parent}.yaml`, import.meta.url), 'utf8').replace(/block_read:\n/, 'block_read:\n    - "**/shadowed-secret.txt"\n');
    expect(text).toContain('shadowed-secret.txt');
    writeFileSync(join(dir, parent, 'policy.yaml'), text);
    const shadowed = new PackCatalog({ policyDirs: [dir] }).compile(id);
    expect(shadowed.digest).not.toBe(prebuilt.digest);
    expect(shadowed.rules.read_file.some((rule) => rule.patterns.some((pattern) => pattern.text === '**/shadowed-secret.txt'))).toBe(true);
  });
});

// The compliance packs inherit nothing: each carries its own copy of the secret-material rule,
// so a credential store added to one must land in every one (checked here, not by hand).
describe('the secret-material rule of the built-in packs', () => {
  interface Rule {
    id?: string;
    match?: string[];
    except?: string[];
  }
  const copies = Object.entries(BUILTIN_PACK_JSON).flatMap(([id, json]) =>
    ((JSON.parse(json) as { rules?: Rule[] }).rules ?? []).filter((rule) => rule.id === 'filesystem.read.block.secret_material').map((rule) => ({ id, match: rule.match, except: rule.except })),
  );

  it('is the same in every pack that defines it', () => {
    expect(copies.length).toBeGreaterThan(10);
    for (const { id, match, except } of copies) expect({ match, except }, id).toEqual({ match: copies[0]!.match, except: copies[0]!.except });
  });
});
