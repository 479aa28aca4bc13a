import type { CompiledPack } from '../policy/compile.ts';
import { APPROVER_GROUPS, type Verdict } from './types.ts';
import { defaultVerdict, findHits, hitVerdict } from './match.ts';
import { strictest } from './precedence.ts';

/** A git operation reduced to what protection depends on. */
export interface GitOperation {
  kind: 'push' | 'delete' | 'mirror' | 'other';
  force: boolean;
  /** Destination branch names, without `refs/heads/` or a remote prefix. */
  branches: string[];
  /** The operation as requested, lowercased and trimmed. */
  name: string;
}

const FORCE_NAMES = new Set(['force-push', 'force_push', 'forcepush', 'push-force', 'push --force', 'push -f', 'force-with-lease', 'push --force-with-lease']);
const DELETE_NAMES = new Set(['delete', 'delete-branch', 'delete_branch', 'branch-delete', 'push --delete', 'push -d']);

/**
 * Reads a git_operation request. Upstream tests `push` exactly and the target by string
 * suffix (§10.13); we normalise the name, read refspecs (`+src:dst`, `:dst`, `HEAD:main`)
 * and strip `refs/heads/` and one remote prefix, so `origin/Main` and `HEAD:main` are caught
 * and `origin/domain` is not.
 */
export function parseGitOperation(operation: string, target: string): GitOperation {
  const name = operation.trim().toLowerCase().replace(/\s+/g, ' ');
  let kind: GitOperation['kind'] = 'other';
  let force = false;
  if (name === 'push' || name.startsWith('push ')) kind = 'push';
  if (FORCE_NAMES.has(name) || /(^| )(--force|-f|--force-with-lease)( |$)/.test(name)) {
    kind = 'push';
    force = true;
  }
  if (DELETE_NAMES.has(name)) kind = 'delete';
  if (name === 'mirror' || name === 'push --mirror') kind = 'mirror';

  const branches: string[] = [];
  for (let word of target.trim().split(/\s+/).filter(Boolean)) {
    if (word.startsWith('+')) {
      force = true;
      word = word.slice(1);
    }
    const colon = word.lastIndexOf(':');
    if (colon >= 0) {
      if (colon === 0 && kind === 'push') kind = 'delete';
      word = word.slice(colon + 1);
    }
    if (word !== '') branches.push(...branchNames(word));
  }
  return { kind, force, branches, name };
}

// `refs/heads/x` and `x` name branch x; `origin/x` may too, so both readings are checked.
function branchNames(ref: string): string[] {
  const withoutHeads = ref.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\//, '');
  const names = [withoutHeads];
  const slash = withoutHeads.indexOf('/');
  if (slash > 0) names.push(withoutHeads.slice(slash + 1));
  return names;
}

/** Decides a git operation against the pack's protected branches and force-push setting. */
export function decideGitOperation(pack: CompiledPack, operation: string, rawTarget: string): Verdict {
  const target = rawTarget.trim() || operation;
  const parsed = parseGitOperation(operation, rawTarget);
  const protectedBranch = parsed.branches.find((branch) => pack.git.protectedPatterns.some((pattern) => pattern.test(branch)));
  const base = { target, requested_operation: operation, approver_group: null };

  if (parsed.kind === 'mirror') {
    return { ...base, rule_id: 'git.mirror.block', decision: 'block', severity: 'critical', reason: '`git push --mirror` rewrites every ref on the remote, protected branches included' };
  }
  if (protectedBranch !== undefined && parsed.kind !== 'other') {
    const what = parsed.kind === 'delete' ? 'deleting' : parsed.force ? 'force-pushing to' : 'pushing directly to';
    return {
      ...base,
      rule_id: 'git.protected_branch.block_direct_push',
      decision: 'block',
      severity: parsed.force || parsed.kind === 'delete' ? 'critical' : 'high',
      reason: `${what} protected branch \`${protectedBranch}\` is not allowed; open a pull request instead`,
    };
  }
  if (parsed.force && !pack.git.allowForcePush) {
    return {
      ...base,
      rule_id: 'git.force_push.require_approval',
      decision: 'require_approval',
      severity: 'medium',
      approver_group: APPROVER_GROUPS.repositoryOwners,
      reason: `force-pushing \`${target}\` rewrites history; pack \`${pack.id}\` does not set \`git.allow_force_push\``,
    };
  }
  const hits = parsed.branches.flatMap((branch) => findHits(pack.rules.git_operation, branch));
  const hit = strictest(hits);
  if (hit) {
    return hitVerdict(hit, hits, { target, requested_operation: operation }, `git ${parsed.name} of \`${hit.subject}\` matches \`${hit.pattern}\` in ${hit.rule.origin}`);
  }
  return defaultVerdict(pack.defaults.git_operation, target, operation, `git ${parsed.name || 'operation'} of \`${target}\` touches no protected branch`);
}
