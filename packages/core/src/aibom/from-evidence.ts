// Rebuilds an AI-BOM from an evidence log alone, for runs that wrote none (older runs, or
// `cavra evaluate --evidence`): the agents, MCP calls and pack digests the records hold.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionRecord } from '../decision/types.ts';
import { CavraError } from '../errors.ts';
import { EVIDENCE_FILES } from '../evidence/log.ts';
import { scanLogFile } from '../evidence/scan.ts';
import { buildAiBom } from './build.ts';
import type { AiBomPack, AiBomTool } from './types.ts';

/**
 * Builds the AI-BOM of the records in `DIR/evidence.jsonl`. Refuses a log whose records do not
 * check (hash, chain, sequence): a BOM of altered evidence would lend it credit.
 */
export async function aiBomFromEvidence(dir: string, options: { tool: AiBomTool; now: () => Date }): Promise<string> {
  const logPath = join(dir, EVIDENCE_FILES.log);
  if (!existsSync(logPath)) {
    throw new CavraError('ERR_EVIDENCE_NOT_FOUND', `no evidence log at \`${logPath}\``, { hint: 'pass the evidence directory of a run' });
  }
  const decisions: DecisionRecord[] = [];
  const requests: unknown[] = [];
  const packs: AiBomPack[] = [];
  const scan = scanLogFile(logPath, {
    parse: true,
    onRecord: ({ record }) => {
      decisions.push(record.decision);
      requests.push(record.request);
      if (record.pack_digest) packs.push({ id: record.decision.policy_pack, digest: record.pack_digest });
    },
  });
  const bad = scan.problems[0];
  if (bad) {
    throw new CavraError('ERR_EVIDENCE_CHAIN_BROKEN', `refusing to describe \`${dir}\`: record ${bad.record}: ${bad.message}`, { hint: 'run `cavra verify` on the directory', details: { code: bad.code } });
  }
  return buildAiBom({ generatedAt: options.now(), tool: options.tool, decisions, requests, packs, source: 'evidence-log' });
}
