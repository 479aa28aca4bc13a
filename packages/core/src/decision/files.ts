import type { CompiledPack } from '../policy/compile.ts';
import { normalizeFilePath } from '../policy/path.ts';
import { decidingHit, defaultVerdict, findHits, hitVerdict } from './match.ts';
import type { Verdict } from './types.ts';

export type FileAccess = 'read' | 'write';

/**
 * Decides a file read or write (cavra-reference §3.2): the strictest matching rule wins, so
 * a block beats an approval, which beats an allow; no match gives the pack's default.
 * Reads never consult write rules and writes never consult read rules.
 */
export function decideFileAccess(pack: CompiledPack, access: FileAccess, rawTarget: string): Verdict {
  const target = normalizeFilePath(rawTarget);
  const subject = access === 'read' ? 'read_file' : 'write_file';
  const hits = findHits(pack.rules[subject], target);
  const hit = decidingHit(hits);
  if (!hit) {
    return defaultVerdict(pack.defaults[subject], target, access, `no ${access} rule of \`${pack.id}\` matches \`${target}\``);
  }
  const verb = access === 'read' ? 'reading' : 'writing';
  return hitVerdict(hit, hits, { target, requested_operation: access, action_type: subject }, `${verb} \`${target}\` matches \`${hit.pattern}\` in ${hit.rule.origin} (${hit.decision})`);
}
