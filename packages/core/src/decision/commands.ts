import type { CompiledPack } from '../policy/compile.ts';
import { decidingHit, defaultVerdict, findHits, hitVerdict } from './match.ts';
import type { Severity, Verdict } from './types.ts';

/**
 * Decides a command line by matching the pack's command rules against the trimmed line
 * (cavra-reference §3.3): block beats approval beats allow; no match gives the default.
 */
export function decideCommand(pack: CompiledPack, rawLine: string): Verdict {
  const line = rawLine.trim();
  const hits = findHits(pack.rules.execute_command, line);
  const hit = decidingHit(hits);
  if (!hit) {
    return defaultVerdict(pack.defaults.execute_command, line, line, `no command rule of \`${pack.id}\` matches \`${line}\``);
  }
  return hitVerdict(
    hit,
    hits,
    { target: line, requested_operation: line, severity: hit.rule.severity ?? blockSeverity(line) },
    `command \`${line}\` matches \`${hit.pattern}\` in ${hit.rule.origin} (${hit.decision})`,
  );
}

// §3.3: an upstream `commands.block` hit is critical when the line mentions apply or delete.
export function blockSeverity(line: string): Severity {
  return line.includes('apply') || line.includes('delete') ? 'critical' : 'high';
}
