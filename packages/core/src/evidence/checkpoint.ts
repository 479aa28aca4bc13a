import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { CavraError } from '../errors.ts';
import { canonicalJson } from './canonical.ts';

/** A tree head in C2SP tlog-checkpoint form: origin, size, root, optional extension lines. */
export interface Checkpoint {
  origin: string;
  size: number;
  root: Buffer;
  /** Extension lines, e.g. `timestamp 2026-05-18T12:00:00.000Z`. */
  extensions: string[];
}

/** The checkpoint body: `<origin>\n<size>\n<base64 root>\n[extensions\n]` (C2SP tlog-checkpoint). */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const lines = [checkpoint.origin, String(checkpoint.size), checkpoint.root.toString('base64'), ...checkpoint.extensions];
  for (const line of lines) if (line === '' || /[\n\u0000-\u001f]/.test(line)) throw new CavraError('ERR_EVIDENCE_INVALID', 'checkpoint lines must be non-empty and single-line');
  return `${lines.join('\n')}\n`;
}

/** Parses a checkpoint body; throws `ERR_EVIDENCE_CHECKPOINT_INVALID` when malformed. */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines.length < 3) throw bad('checkpoint needs origin, size and root lines');
  const [origin, size, root, ...extensions] = lines as [string, string, string, ...string[]];
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size))) throw bad(`checkpoint size \`${size.slice(0, 40)}\` is not a decimal number`);
  const rootBytes = Buffer.from(root, 'base64');
  if (rootBytes.length !== 32 || rootBytes.toString('base64') !== root) throw bad('checkpoint root is not a base64 SHA-256 hash');
  return { origin, size: Number(size), root: rootBytes, extensions };
}

/** The extension value `timestamp <iso>` of a checkpoint, if any. */
export function checkpointTimestamp(checkpoint: Checkpoint): string | undefined {
  return checkpoint.extensions.find((line) => line.startsWith('timestamp '))?.slice('timestamp '.length);
}

/**
 * The extension line that binds a checkpoint to the runner identity of the run that wrote it:
 * `identity sha256:<hex of the identity's RFC 8785 form>`.
 */
export function identityExtension(identity: Record<string, unknown>): string {
  return `identity sha256:${createHash('sha256').update(canonicalJson(identity)).digest('hex')}`;
}

/** The `identity sha256:…` value of a checkpoint, if any. */
export function checkpointIdentity(checkpoint: Checkpoint): string | undefined {
  return checkpoint.extensions.find((line) => line.startsWith('identity '))?.slice('identity '.length);
}

/** Signs notes as one key name (C2SP signed-note). */
export interface NoteSigner {
  name: string;
  /** Four-byte key id. */
  keyId: Buffer;
  sign(message: Buffer): Buffer;
}

/** Checks note signatures of one key name and id. */
export interface NoteVerifier {
  name: string;
  keyId: Buffer;
  verify(message: Buffer, signature: Buffer): boolean;
}

// C2SP signed-note: key id = SHA-256(name || 0x0A || type || public key)[:4]; type 0x01 is
// Ed25519 over the 32-byte raw key. For ECDSA P-256 we use type 0x02 over the SPKI DER.
function noteKeyId(name: string, publicKey: KeyObject): Buffer {
  const type = publicKey.asymmetricKeyType === 'ed25519' ? 1 : 2;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const material = type === 1 ? der.subarray(der.length - 32) : der;
  return createHash('sha256').update(name).update(Buffer.from([0x0a, type])).update(material).digest().subarray(0, 4);
}

function assertKeyName(name: string): void {
  if (name === '' || /[\s+]/.test(name)) throw new CavraError('ERR_USAGE', `note key name \`${name}\` must be non-empty with no spaces or \`+\``);
}

/** A note signer for an Ed25519 or ECDSA P-256 private key. */
export function noteSignerFromKey(name: string, privateKey: KeyObject): NoteSigner {
  assertKeyName(name);
  const keyId = noteKeyId(name, createPublicKey(privateKey));
  const digest = privateKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  return { name, keyId, sign: (message) => sign(digest, message, privateKey) };
}

/** A note verifier for an Ed25519 or ECDSA P-256 public key. */
export function noteVerifierFromKey(name: string, publicKey: KeyObject): NoteVerifier {
  const keyId = noteKeyId(name, publicKey);
  const digest = publicKey.asymmetricKeyType === 'ed25519' ? null : 'sha256';
  return {
    name,
    keyId,
    verify: (message, signature) => {
      try {
        return verify(digest, message, publicKey, signature);
      } catch {
        return false;
      }
    },
  };
}

/** Appends one signature line per signer: `\n— <name> <base64(keyid || signature)>\n`. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n')) throw new CavraError('ERR_EVIDENCE_INVALID', 'note text must end with a newline');
  const message = Buffer.from(text, 'utf8');
  const lines = signers.map((s) => `\u2014 ${s.name} ${Buffer.concat([s.keyId, s.sign(message)]).toString('base64')}\n`);
  return `${text}\n${lines.join('')}`;
}

/** A note split into its text and signature lines (unverified). */
export interface SignedNote {
  text: string;
  signatures: { name: string; keyId: Buffer; signature: Buffer }[];
}

/** Splits a signed note; throws `ERR_EVIDENCE_CHECKPOINT_INVALID` when malformed. */
export function parseSignedNote(note: string): SignedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw bad('note has no signature block');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2, -1)
    .split('\n')
    .map((line) => {
      const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
      const raw = match ? Buffer.from(match[2]!, 'base64') : Buffer.alloc(0);
      if (!match || raw.length < 5) throw bad('note signature line is malformed');
      return { name: match[1]!, keyId: raw.subarray(0, 4), signature: raw.subarray(4) };
    });
  if (signatures.length > 100) throw bad('note carries too many signatures');
  return { text, signatures };
}

/**
 * Verifies a signed note: returns its text and the names of known keys that signed it.
 * Unknown (name, key id) pairs are ignored; a note no known key verifies is rejected.
 */
export function openSignedNote(note: string, verifiers: readonly NoteVerifier[]): { text: string; signers: string[] } {
  const parsed = parseSignedNote(note);
  const message = Buffer.from(parsed.text, 'utf8');
  const signers: string[] = [];
  for (const sig of parsed.signatures) {
    const verifier = verifiers.find((v) => v.name === sig.name && v.keyId.equals(sig.keyId));
    if (!verifier) continue;
    if (!verifier.verify(message, sig.signature)) {
      throw new CavraError('ERR_EVIDENCE_SIGNATURE_INVALID', `checkpoint signature by \`${sig.name}\` does not verify`);
    }
    signers.push(sig.name);
  }
  if (signers.length === 0) {
    throw new CavraError('ERR_EVIDENCE_UNSIGNED', 'checkpoint is not signed by a trusted key', { hint: 'pass the signer public key with `--trusted-key`' });
  }
  return { text: parsed.text, signers };
}

function bad(message: string): CavraError {
  return new CavraError('ERR_EVIDENCE_CHECKPOINT_INVALID', message);
}
