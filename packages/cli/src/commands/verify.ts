import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CavraError,
  isTrustRootFile,
  pinnedKey,
  trustedKeysOf,
  problemText,
  publicKeyFromPem,
  verifyDaemonLog,
  verifyEvidence,
  verifyUpstreamBundle,
  verifyInclusionProof,
  type BundleTrust,
  type InclusionProofDocument,
  type TrustedKey,
} from '@cavra/core';
import { EXIT, writeAll, type Command } from '../io.ts';
import { readInput, readJsonObject } from '../read-input.ts';

/** Upstream's report file name, written next to `--report`. */
export const UPSTREAM_REPORT_FILE = 'release-governance-evidence-verification.json';

const FORMATS = ['cavra', 'cavra-daemon', 'cavra-bundle'] as const;

/** Edge inputs read once: the environment (daemon HMAC key). */
export interface VerifyEdge {
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * `cavra verify PATH [--trusted-key PEM]... [--trust-root FILE] [--certificate-identity ID
 * --certificate-oidc-issuer URL] [--report FILE] [--format cavra|cavra-daemon|cavra-bundle] [--proof FILE]`:
 * prints the JSON report and exits 0 only when everything verified.
 */
export function createVerifyCommand(edge: VerifyEdge = { env: process.env }): Command {
  return async (args, io) => {
    const { values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        'trusted-key': { type: 'string', multiple: true },
        'trust-root': { type: 'string', multiple: true },
        'certificate-identity': { type: 'string' },
        'certificate-oidc-issuer': { type: 'string' },
        report: { type: 'string' },
        format: { type: 'string', default: 'cavra' },
        proof: { type: 'string' },
        'expect-run': { type: 'string', multiple: true },
        'hmac-key-file': { type: 'string' },
        'key-id': { type: 'string' },
        'allow-unsigned': { type: 'boolean', default: false },
        'expect-size': { type: 'string' },
        'expect-root': { type: 'string' },
      },
    });
    if (!FORMATS.includes(values.format as (typeof FORMATS)[number])) throw new CavraError('ERR_USAGE', `unknown format \`${values.format}\``, { hint: `use one of ${FORMATS.join(', ')}` });
    const path = values.proof ?? positionals[0];
    if (path === undefined || positionals.length > 1 || (values.proof !== undefined && positionals.length > 0)) {
      throw new CavraError('ERR_USAGE', 'give one evidence directory or bundle, or `--proof FILE`', { hint: 'cavra verify PATH [--trusted-key PEM]...' });
    }
    if ((values['expect-size'] !== undefined || values['expect-root'] !== undefined) && (values.format !== 'cavra' || values.proof !== undefined)) {
      throw new CavraError('ERR_USAGE', '`--expect-size` and `--expect-root` apply to an evidence directory or bundle (`--format cavra`)');
    }
    if (values['allow-unsigned'] && values.format !== 'cavra-daemon') throw new CavraError('ERR_USAGE', '`--allow-unsigned` applies to `--format cavra-daemon` only');
    const trust = trustOf(values);
    let report: { valid: boolean } & Record<string, unknown>;
    if (values.format === 'cavra-daemon') {
      const keyFile = values['hmac-key-file'];
      const hmacKey = keyFile !== undefined ? readInput(keyFile, 'hmac-key-file').toString('utf8').trim() : edge.env.CAVRA_DAEMON_EVIDENCE_HMAC_KEY;
      const keyId = values['key-id'] ?? edge.env.CAVRA_DAEMON_EVIDENCE_KEY_ID;
      report = { ...verifyDaemonLog(path, { ...(hmacKey ? { hmacKey } : {}), ...(keyId ? { keyId } : {}), allowUnsigned: values['allow-unsigned'] }) };
    } else if (values.format === 'cavra-bundle') {
      const keyFile = values['trusted-key']?.[0];
      report = { ...verifyUpstreamBundle(path, keyFile === undefined ? undefined : readInput(keyFile, 'trusted-key'), values['key-id'] ? { keyId: values['key-id'] } : {}) };
    } else if (values.proof !== undefined) {
      const doc = readJsonObject(values.proof, 'proof') as unknown as InclusionProofDocument;
      const problems = await verifyInclusionProof(doc, trust);
      report = { path, valid: problems.length === 0, records: 1, signed_records: problems.length === 0 ? 1 : 0, errors: problems.map(problemText), format: 'cavra-inclusion-proof', record: doc.record, tree_size: doc.tree_size, root_hash: doc.root_hash, problems };
    } else {
      report = { ...(await verifyEvidence(path, { ...trust, ...expectedRunOf(values['expect-run']), ...expectedHeadOf(values['expect-size'], values['expect-root']) })) };
    }
    const text = `${JSON.stringify(report, null, 2)}\n`;
    if (values.report !== undefined) {
      writeReport(values.report, text);
      writeReport(join(dirname(values.report), UPSTREAM_REPORT_FILE), text);
    }
    await writeAll(io.stdout, text);
    return report.valid ? EXIT.ok : EXIT.failed;
  };
}

/** `cavra verify`. */
export const verifyCommand: Command = createVerifyCommand();

function writeReport(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (cause) {
    throw new CavraError('ERR_INPUT_UNREADABLE', `cannot write report \`${file}\`: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
}

// `--trust-root` takes our key trust root (`cavra.evidence.trust-roots.v1`: keys with status and
// window) or a Sigstore `trusted_root.json` (Fulcio, Rekor, CT logs, TSAs) for keyless bundles.
function trustOf(values: { 'trusted-key'?: string[]; 'trust-root'?: string[]; 'certificate-identity'?: string; 'certificate-oidc-issuer'?: string }): BundleTrust {
  const keys: TrustedKey[] = (values['trusted-key'] ?? []).map((file) => pinnedKey(publicKeyFromPem(readInput(file, 'trusted-key'), file)));
  const trust: BundleTrust = { trustedKeys: keys };
  for (const file of values['trust-root'] ?? []) {
    const root = readJsonObject(file, 'trust-root');
    if (isTrustRootFile(root)) keys.push(...trustedKeysOf(root, file));
    else trust.trustedRoot = root;
  }
  if (values['certificate-identity'] !== undefined) trust.certificateIdentity = values['certificate-identity'];
  if (values['certificate-oidc-issuer'] !== undefined) trust.certificateIssuer = values['certificate-oidc-issuer'];
  return trust;
}

function expectedHeadOf(size: string | undefined, root: string | undefined): { expectedSize?: number; expectedRoot?: string } {
  if (size !== undefined && !(/^(0|[1-9][0-9]{0,15})$/.test(size) && Number.isSafeInteger(Number(size)))) throw new CavraError('ERR_USAGE', `\`--expect-size ${size.slice(0, 40)}\` must be a record count`, { hint: 'take it from the storage receipt or the seal output (`tree_size`)' });
  if (root !== undefined && !/^[0-9a-fA-F]{64}$/.test(root)) throw new CavraError('ERR_USAGE', '`--expect-root` must be 64 hex digits', { hint: 'take it from the seal output (`root_hash`)' });
  return { ...(size !== undefined ? { expectedSize: Number(size) } : {}), ...(root !== undefined ? { expectedRoot: root.toLowerCase() } : {}) };
}

function expectedRunOf(pairs: string[] | undefined): { expectedRun?: Record<string, string> } {
  if (!pairs) return {};
  const expectedRun: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new CavraError('ERR_USAGE', `\`--expect-run ${pair}\` must be CLAIM=VALUE`);
    expectedRun[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return { expectedRun };
}

