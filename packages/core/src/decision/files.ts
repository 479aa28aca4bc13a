import type { CompiledPack } from '../policy/compile.ts';
import { filePathAlias, normalizeFilePath } from '../policy/path.ts';
import { defaultVerdict, findHits, hitVerdict } from './match.ts';
import { permitsAction, strictest, strictestVerdict } from './precedence.ts';
import { APPROVER_GROUPS, type Verdict } from './types.ts';

export type FileAccess = 'read' | 'write';

/**
 * Maps a normalised path to the path it really names once symlinks are followed, or undefined
 * when that is the same path or cannot be known. Injected: deciding does no I/O.
 */
export type PathResolver = (path: string) => string | undefined;

/**
 * Decides a file read or write (cavra-reference §3.2): the strictest matching rule wins, so
 * a block beats an approval, which beats an allow; no match gives the pack's default.
 * Reads never consult write rules and writes never consult read rules.
 */
export function decideFileAccess(pack: CompiledPack, access: FileAccess, rawTarget: string, resolvePath?: PathResolver): Verdict {
  return decideAccess(pack, access, rawTarget, resolvePath, false);
}

/**
 * The verdict on a file access when it stops the action (a block or an approval); otherwise
 * undefined, without building the verdict (a command's doors keep only those that stop it).
 */
export function stoppingFileAccess(pack: CompiledPack, access: FileAccess, rawTarget: string, resolvePath?: PathResolver): Verdict | undefined {
  const verdict = decideAccess(pack, access, rawTarget, resolvePath, true);
  return permitsAction(verdict.decision) ? undefined : verdict;
}

// A stand-in for a verdict that lets the access go ahead, where only stopping ones are wanted.
const PERMITTED: Verdict = Object.freeze({ rule_id: '', decision: 'allow', severity: 'low', reason: '', approver_group: null, target: '', requested_operation: '' });

// `stoppingOnly`: a verdict that lets the access go ahead may be PERMITTED. Only blocks and
// approvals outrank it, so the strictest of several stays what it would have been.
function decideAccess(pack: CompiledPack, access: FileAccess, rawTarget: string, resolvePath: PathResolver | undefined, stoppingOnly: boolean): Verdict {
  if (rawTarget.trim() === '') {
    // Upstream judged an empty target as `.`; a read or write of nothing named is not allowed blind.
    return {
      rule_id: 'filesystem.target.missing',
      decision: 'require_approval',
      severity: 'medium',
      reason: `the ${access} request names no file: nothing to judge`,
      approver_group: APPROVER_GROUPS.repositoryOwners,
      target: '',
      requested_operation: access,
      action_type: access === 'read' ? 'read_file' : 'write_file',
    };
  }
  const target = normalizeFilePath(rawTarget);
  const direct = decideLinked(pack, access, target, resolvePath, stoppingOnly);
  const alias = filePathAlias(target);
  if (alias === undefined) return direct;
  // An alias of the name (`.env::$DATA`, `.env.`, a NUL) is judged as what it opens too.
  const viaAlias = decideLinked(pack, access, alias, resolvePath, stoppingOnly);
  // The name it opens goes first, so a tie is reported under the rule for that name.
  const winner = strictestVerdict([{ ...viaAlias, reason: `\`${target}\` opens \`${alias}\` on some file systems: ${viaAlias.reason}` }, direct])!;
  return { ...winner, target };
}

// Longer than PATH_MAX: open(2) refuses such a path (ENAMETOOLONG), so there is no link to
// follow, and walking tens of thousands of segments on disk would stall the decision.
const PATH_MAX = 4096;

function decideLinked(pack: CompiledPack, access: FileAccess, target: string, resolvePath: PathResolver | undefined, stoppingOnly: boolean): Verdict {
  const real = target.length > PATH_MAX ? undefined : resolvePath?.(target);
  if (real === undefined || real === target) return decidePath(pack, access, target, stoppingOnly);
  // A link is judged as itself and as what it points to; the stricter outcome wins.
  const viaLink = decidePath(pack, access, real, stoppingOnly);
  const direct = decidePath(pack, access, target, stoppingOnly);
  const winner = strictestVerdict([direct, { ...viaLink, reason: `\`${target}\` is a link to \`${real}\`: ${viaLink.reason}` }])!;
  return { ...winner, target };
}

function decidePath(pack: CompiledPack, access: FileAccess, target: string, stoppingOnly: boolean): Verdict {
  const subject = access === 'read' ? 'read_file' : 'write_file';
  const hits = findHits(pack.ruleIndex[subject], target);
  const hit = strictest(hits);
  if (stoppingOnly && permitsAction((hit ?? pack.defaults[subject]).decision)) return PERMITTED;
  if (!hit) {
    return defaultVerdict(pack.defaults[subject], target, access, `no ${access} rule of \`${pack.id}\` matches \`${target}\``);
  }
  const verb = access === 'read' ? 'reading' : 'writing';
  return hitVerdict(hit, hits, { target, requested_operation: access, action_type: subject }, `${verb} \`${target}\` matches \`${hit.pattern}\` in ${hit.rule.origin} (${hit.decision})`);
}
