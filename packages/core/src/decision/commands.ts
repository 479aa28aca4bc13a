import type { CompiledPack } from '../policy/compile.ts';
import { decidingHit, defaultVerdict, findHits, toRuleMatches } from './match.ts';
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
  return {
    rule_id: hit.rule.ruleId,
    decision: hit.decision,
    severity: hit.rule.severity ?? blockSeverity(line),
    reason: hit.rule.message ?? `command \`${line}\` matches \`${hit.pattern}\` in ${hit.rule.origin} (${hit.decision})`,
    approver_group: hit.rule.approverGroup,
    target: line,
    requested_operation: line,
    matches: toRuleMatches(hits),
    ...(hit.rule.compliance ? { compliance: hit.rule.compliance } : {}),
  };
}

// §3.3: an upstream `commands.block` hit is critical when the line mentions apply or delete.
export function blockSeverity(line: string): Severity {
  return line.includes('apply') || line.includes('delete') ? 'critical' : 'high';
}
