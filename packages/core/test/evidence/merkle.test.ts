import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMPTY_ROOT, MerkleAccumulator, consistencyProof, hashLeaf, inclusionProof, merkleRoot, verifyConsistency, verifyInclusion } from '../../src/index.ts';

const vectors = JSON.parse(readFileSync(new URL('../../../../fixtures/evidence/rfc6962-vectors.json', import.meta.url), 'utf8')) as {
  leaves: string[];
  roots: string[];
  empty_root: string;
  inclusion: { index: number; size: number; path: string[] }[];
  consistency: { old: number; new: number; path: string[] }[];
};
const leaves = vectors.leaves.map((hex) => hashLeaf(Buffer.from(hex, 'hex')));
const hex = (list: Buffer[]): string[] => list.map((b) => b.toString('hex'));

// An independent, deliberately naive RFC 6962 §2.1 MTH: recursion on the definition, no shared code.
function referenceRoot(entries: Buffer[]): Buffer {
  const sha = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
  if (entries.length === 0) return sha();
  if (entries.length === 1) return sha(Buffer.from([0]), entries[0]!);
  let k = 1;
  while (k * 2 < entries.length) k *= 2;
  return sha(Buffer.from([1]), referenceRoot(entries.slice(0, k)), referenceRoot(entries.slice(k)));
}

describe('RFC 6962 known answers', () => {
  it.for(vectors.roots.map((root, i) => ({ size: i + 1, root })))('root of $size leaves', ({ size, root }) => {
    expect(merkleRoot(leaves.slice(0, size)).toString('hex')).toBe(root);
  });

  it('empty tree root is SHA-256 of the empty string', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(vectors.empty_root);
    expect(merkleRoot([]).toString('hex')).toBe(vectors.empty_root);
  });

  it.for(vectors.inclusion)('inclusion proof of leaf $index in tree $size', ({ index, size, path }) => {
    expect(hex(inclusionProof(leaves, index, size))).toEqual(path);
    expect(verifyInclusion(leaves[index]!, index, size, path.map((h) => Buffer.from(h, 'hex')), Buffer.from(vectors.roots[size - 1]!, 'hex'))).toBe(true);
  });

  it.for(vectors.consistency)('consistency proof $old -> $new', ({ old, new: size, path }) => {
    expect(hex(consistencyProof(leaves, old, size))).toEqual(path);
    expect(verifyConsistency(old, size, path.map((h) => Buffer.from(h, 'hex')), Buffer.from(vectors.roots[old - 1]!, 'hex'), Buffer.from(vectors.roots[size - 1]!, 'hex'))).toBe(true);
  });
});

describe('proofs over every small tree', () => {
  const entries = Array.from({ length: 40 }, (_, i) => Buffer.from(`entry-${i}`));
  const hashes = entries.map((e) => hashLeaf(e));

  it('agree with the independent implementation and verify for every (index, size) and (m, n)', () => {
    for (let n = 1; n <= entries.length; n += 1) {
      const root = merkleRoot(hashes.slice(0, n));
      expect(root.equals(referenceRoot(entries.slice(0, n)))).toBe(true);
      for (let i = 0; i < n; i += 1) expect(verifyInclusion(hashes[i]!, i, n, inclusionProof(hashes, i, n), root)).toBe(true);
      for (let m = 1; m <= n; m += 1) expect(verifyConsistency(m, n, consistencyProof(hashes, m, n), merkleRoot(hashes.slice(0, m)), root)).toBe(true);
    }
  });

  it('rejects a proof for the wrong leaf, index, size or root, and a flipped proof hash', () => {
    const n = 13;
    const root = merkleRoot(hashes.slice(0, n));
    const proof = inclusionProof(hashes, 5, n);
    expect(verifyInclusion(hashes[6]!, 5, n, proof, root)).toBe(false);
    expect(verifyInclusion(hashes[5]!, 4, n, proof, root)).toBe(false);
    expect(verifyInclusion(hashes[5]!, 5, 6, proof, root)).toBe(false);
    expect(verifyInclusion(hashes[5]!, 5, n, proof, merkleRoot(hashes.slice(0, n - 1)))).toBe(false);
    const flipped = proof.map((p) => Buffer.from(p));
    flipped[1]![0]! ^= 1;
    expect(verifyInclusion(hashes[5]!, 5, n, flipped, root)).toBe(false);
    expect(verifyInclusion(hashes[5]!, 5, n, [...proof, proof[0]!], root)).toBe(false);
  });

  it('rejects consistency with a rewritten old tree (a rolled-back or forked log)', () => {
    const forked = [...hashes.slice(0, 7)];
    forked[3] = hashLeaf(Buffer.from('forged'));
    const proof = consistencyProof(hashes, 7, 20);
    expect(verifyConsistency(7, 20, proof, merkleRoot(forked), merkleRoot(hashes.slice(0, 20)))).toBe(false);
    expect(verifyConsistency(7, 20, [], merkleRoot(hashes.slice(0, 7)), merkleRoot(hashes.slice(0, 20)))).toBe(false);
  });

  it('the accumulator round-trips through its JSON state', () => {
    const acc = new MerkleAccumulator();
    for (const h of hashes.slice(0, 21)) acc.push(h);
    const restored = MerkleAccumulator.fromJSON(acc.toJSON());
    for (const h of hashes.slice(21)) {
      acc.push(h);
      restored.push(h);
    }
    expect(restored.root().equals(acc.root())).toBe(true);
    expect(acc.root().equals(referenceRoot(entries))).toBe(true);
    expect(() => MerkleAccumulator.fromJSON({ size: 5, subtrees: ['00'.repeat(32)] })).toThrow();
  });
});
