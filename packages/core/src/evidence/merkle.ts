import { hash } from 'node:crypto';

// RFC 6962 §2.1 / RFC 9162 §2.1 Merkle tree over SHA-256.
// Leaf hash MTH({d}) = SHA-256(0x00 || d); interior node SHA-256(0x01 || left || right).

const LEAF = Buffer.from([0]);

/** RFC 6962 leaf hash of one entry. */
export function hashLeaf(data: Uint8Array): Buffer {
  return hash('sha256', Buffer.concat([LEAF, data]), 'buffer');
}

const scratch = Buffer.alloc(65);

/** RFC 6962 interior node hash. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  scratch[0] = 1;
  scratch.set(left, 1);
  scratch.set(right, 33);
  return hash('sha256', scratch, 'buffer');
}

/** SHA-256 of the empty string: the root of an empty tree. */
// SHA-256 of no bytes, written out so that loading this module does not load node:crypto.
export const EMPTY_ROOT: Buffer = Buffer.from('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex');

/** MTH(D[n]) of the given leaf hashes. */
export function merkleRoot(leafHashes: readonly Uint8Array[]): Buffer {
  const acc = new MerkleAccumulator();
  for (const leaf of leafHashes) acc.push(leaf);
  return acc.root();
}

// The largest power of two smaller than n (n > 1), the split point of RFC 6962 §2.1.
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function subtreeRoot(leaves: readonly Uint8Array[], from: number, to: number): Buffer {
  if (to - from === 1) return Buffer.from(leaves[from]!);
  const k = splitPoint(to - from);
  return hashChildren(subtreeRoot(leaves, from, from + k), subtreeRoot(leaves, from + k, to));
}

/** RFC 9162 §2.1.3.1 inclusion proof PATH(index, D[n]) of leaf `index` in the first `size` leaves. */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number, size = leafHashes.length): Buffer[] {
  if (!(index >= 0 && index < size && size <= leafHashes.length)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path = (m: number, from: number, to: number): Buffer[] => {
    if (to - from <= 1) return [];
    const k = splitPoint(to - from);
    return m < k
      ? [...path(m, from, from + k), subtreeRoot(leafHashes, from + k, to)]
      : [...path(m - k, from + k, to), subtreeRoot(leafHashes, from, from + k)];
  };
  return path(index, 0, size);
}

/** RFC 9162 §2.1.4.1 consistency proof PROOF(m, D[n]) between the first `oldSize` and `newSize` leaves. */
export function consistencyProof(leafHashes: readonly Uint8Array[], oldSize: number, newSize = leafHashes.length): Buffer[] {
  if (!(oldSize >= 0 && oldSize <= newSize && newSize <= leafHashes.length)) throw new RangeError(`no consistency proof from ${oldSize} to ${newSize}`);
  if (oldSize === 0 || oldSize === newSize) return [];
  const sub = (m: number, from: number, to: number, complete: boolean): Buffer[] => {
    if (m === to - from) return complete ? [] : [subtreeRoot(leafHashes, from, to)];
    const k = splitPoint(to - from);
    return m <= k
      ? [...sub(m, from, from + k, complete), subtreeRoot(leafHashes, from + k, to)]
      : [...sub(m - k, from + k, to, false), subtreeRoot(leafHashes, from, from + k)];
  };
  return sub(oldSize, 0, newSize, true);
}

const odd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

/** RFC 9162 §2.1.3.2: whether `proof` proves `leafHash` at `index` in the tree of `size` with `root`. */
export function verifyInclusion(leafHash: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(size) && index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = hashChildren(p, r);
      if (!odd(fn)) while (!(odd(fn) || fn === 0)) [fn, sn] = [half(fn), half(sn)];
    } else {
      r = hashChildren(r, p);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && Buffer.from(r).equals(Buffer.from(root));
}

/** RFC 9162 §2.1.4.2: whether `proof` proves the tree (`oldSize`, `oldRoot`) is a prefix of (`newSize`, `newRoot`). */
export function verifyConsistency(oldSize: number, newSize: number, proof: readonly Uint8Array[], oldRoot: Uint8Array, newRoot: Uint8Array): boolean {
  if (!(Number.isSafeInteger(oldSize) && Number.isSafeInteger(newSize) && oldSize >= 0 && oldSize <= newSize)) return false;
  if (oldSize === newSize) return proof.length === 0 && Buffer.from(oldRoot).equals(Buffer.from(newRoot));
  if (oldSize === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (oldSize & (oldSize - 1)) === 0 && oldSize < 2 ** 31 ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (odd(fn)) [fn, sn] = [half(fn), half(sn)];
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      if (!odd(fn)) while (!(odd(fn) || fn === 0)) [fn, sn] = [half(fn), half(sn)];
    } else {
      sr = hashChildren(sr, c);
    }
    [fn, sn] = [half(fn), half(sn)];
  }
  return sn === 0 && Buffer.from(fr).equals(Buffer.from(oldRoot)) && Buffer.from(sr).equals(Buffer.from(newRoot));
}

/**
 * Streaming MTH: keeps the roots of the perfect subtrees that make up the tree so far (a compact
 * range, one per set bit of the size), so appends and verification need no leaf list.
 * Hashes are held as 32-character latin1 strings, the fastest form node:crypto returns.
 */
export class MerkleAccumulator {
  #size = 0;
  readonly #stack: string[] = [];
  readonly #node = Buffer.alloc(65);

  /** Restores an accumulator from {@link MerkleAccumulator.toJSON} output. */
  static fromJSON(state: { size: number; subtrees: readonly string[] }): MerkleAccumulator {
    const acc = new MerkleAccumulator();
    const bits = [...state.size.toString(2)].filter((bit) => bit === '1').length;
    if (!Number.isSafeInteger(state.size) || state.size < 0 || bits !== state.subtrees.length) throw new RangeError('merkle state does not match its size');
    acc.#size = state.size;
    for (const hex of state.subtrees) acc.#stack.push(Buffer.from(hex, 'hex').toString('binary'));
    return acc;
  }

  /** Number of leaves so far. */
  get size(): number {
    return this.#size;
  }

  /** Adds a leaf hash (32 bytes, or a 32-character latin1 string). */
  push(leafHash: Uint8Array | string): void {
    let h = typeof leafHash === 'string' ? leafHash : Buffer.from(leafHash).toString('binary');
    let s = this.#size;
    while (odd(s)) {
      h = this.#children(this.#stack.pop()!, h);
      s = half(s);
    }
    this.#stack.push(h);
    this.#size += 1;
  }

  /** Adds the entry itself (hashes it as an RFC 6962 leaf). */
  pushEntry(data: Uint8Array | string): void {
    this.push(hash('sha256', Buffer.concat([LEAF, typeof data === 'string' ? Buffer.from(data) : data]), 'binary'));
  }

  /** MTH of the leaves so far. */
  root(): Buffer {
    if (this.#stack.length === 0) return Buffer.from(EMPTY_ROOT);
    let r = this.#stack[this.#stack.length - 1]!;
    for (let i = this.#stack.length - 2; i >= 0; i -= 1) r = this.#children(this.#stack[i]!, r);
    return Buffer.from(r, 'binary');
  }

  /** Serialisable state: the size and the compact range as hex. */
  toJSON(): { size: number; subtrees: string[] } {
    return { size: this.#size, subtrees: this.#stack.map((h) => Buffer.from(h, 'binary').toString('hex')) };
  }

  #children(left: string, right: string): string {
    const node = this.#node;
    node[0] = 1;
    node.write(left, 1, 'binary');
    node.write(right, 33, 'binary');
    return hash('sha256', node, 'binary');
  }
}
