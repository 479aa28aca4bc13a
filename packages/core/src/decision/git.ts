import type { CompiledPack } from '../policy/compile.ts';
import { compileGlob } from '../policy/glob.ts';
import { APPROVER_GROUPS, type Verdict } from './types.ts';
import { defaultVerdict, findHits, hitVerdict } from './match.ts';
import { strictest } from './precedence.ts';

/** A git operation reduced to what protection depends on. */
export interface GitOperation {
  kind: 'push' | 'delete' | 'mirror' | 'other';
  force: boolean;
  /** Every branch is pushed (`--all`, `--branches`). */
  allBranches: boolean;
  /** Destination branch names, without `refs/heads/` or a remote prefix; may hold refspec globs (`*`). */
  branches: string[];
  /** The operation as requested, lowercased and trimmed. */
  name: string;
}

/**
 * How a target names its destinations. `request` (a `git_operation` target, upstream's form):
 * words that may start with a remote (`origin/main`). `refspecs` (a push found in a shell
 * command): the refspecs typed after the remote, so `feature/main` is that branch, not `main`.
 */
export type GitTargetForm = 'request' | 'refspecs';

const FORCE_NAMES = new Set(['force-push', 'force_push', 'forcepush', 'push-force', 'push --force', 'push -f', 'force-with-lease', 'push --force-with-lease']);
const DELETE_NAMES = new Set(['delete', 'delete-branch', 'delete_branch', 'branch-delete', 'push --delete', 'push -d']);

/**
 * Reads a git_operation request. Upstream tests `push` exactly and the target by string
 * suffix (§10.13); we normalise the name, read refspecs (`+src:dst`, `:dst`, `HEAD:main`),
 * collapse empty path segments and strip `refs/heads/`, `heads/` and (in `request` form) one
 * remote prefix, so `origin/Main`, `origin/heads/main`, `origin//main` and `HEAD:main` are
 * caught and `origin/domain` is not.
 */
export function parseGitOperation(operation: string, target: string, form: GitTargetForm = 'request'): GitOperation {
  const name = operation.trim().toLowerCase().replace(/\s+/g, ' ');
  let kind: GitOperation['kind'] = 'other';
  let force = false;
  if (name === 'push' || name.startsWith('push ')) kind = 'push';
  if (FORCE_NAMES.has(name) || /(^| )(--force|-f|--force-with-lease)( |$)/.test(name)) {
    kind = 'push';
    force = true;
  }
  if (DELETE_NAMES.has(name)) kind = 'delete';
  if (name === 'mirror' || /(^| )--mirror( |$)/.test(name)) kind = 'mirror';
  const allBranches = kind === 'push' && /(^| )--(all|branches)( |$)/.test(name);

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
    if (word !== '') branches.push(...branchNames(word, form));
  }
  return { kind, force, allBranches, branches, name };
}

// `refs/heads/x`, `heads/x` and `x` name branch x (git's own lookup rules for a destination);
// in a request, `origin/x` may too, so both readings are checked.
function branchNames(ref: string, form: GitTargetForm): string[] {
  const tidy = ref.replace(/\/{2,}/g, '/').replace(/^\/+|\/+$/g, '');
  const names = [withoutRefPrefix(tidy)];
  const slash = tidy.indexOf('/');
  if (form === 'request' && slash > 0 && !/^refs\//.test(tidy)) names.push(withoutRefPrefix(tidy.slice(slash + 1)));
  return names;
}

function withoutRefPrefix(ref: string): string {
  return ref.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\//, '').replace(/^heads\//, '');
}

// A refspec glob (`refs/heads/*`) pushes every branch it matches.
function protects(pack: CompiledPack, branch: string): boolean {
  if (pack.git.protectedPatterns.some((pattern) => pattern.test(branch))) return true;
  if (!branch.includes('*')) return false;
  const destination = compileGlob(branch, { caseInsensitive: true });
  return pack.git.protectedBranches.some((name) => destination.test(name));
}

/** Decides a git operation against the pack's protected branches and force-push setting. */
export function decideGitOperation(pack: CompiledPack, operation: string, rawTarget: string, form: GitTargetForm = 'request'): Verdict {
  const target = rawTarget.trim() || operation;
  const parsed = parseGitOperation(operation, rawTarget, form);
  const protectedBranch = parsed.allBranches ? pack.git.protectedBranches[0] : parsed.branches.find((branch) => protects(pack, branch));
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
  if (parsed.kind === 'delete' && !pack.git.allowForcePush) {
    // Stricter than upstream: deleting a remote branch loses work that may not be the agent's.
    return {
      ...base,
      rule_id: 'git.delete.require_approval',
      decision: 'require_approval',
      severity: 'medium',
      approver_group: APPROVER_GROUPS.repositoryOwners,
      reason: `deleting \`${target}\` on the remote loses its commits for everyone; pack \`${pack.id}\` does not set \`git.allow_force_push\``,
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
  // `HEAD`, `@` or no destination at all: the push goes to the checked-out branch, which only
  // the agent's machine knows, and may be a protected one.
  if (parsed.kind === 'push' && !parsed.allBranches && (parsed.branches.length === 0 || parsed.branches.some((branch) => branch === 'HEAD' || branch === '@'))) {
    return {
      ...base,
      rule_id: 'git.push.current_branch.require_approval',
      decision: 'require_approval',
      severity: 'medium',
      approver_group: APPROVER_GROUPS.repositoryOwners,
      reason: `\`git ${parsed.name}${rawTarget.trim() ? ` ${rawTarget.trim()}` : ''}\` pushes whatever branch is checked out, which may be protected: name the branch`,
    };
  }
  const hits = parsed.branches.flatMap((branch) => findHits(pack.ruleIndex.git_operation, branch));
  const hit = strictest(hits);
  if (hit) {
    return hitVerdict(hit, hits, { target, requested_operation: operation }, `git ${parsed.name} of \`${hit.subject}\` matches \`${hit.pattern}\` in ${hit.rule.origin}`);
  }
  return defaultVerdict(pack.defaults.git_operation, target, operation, `git ${parsed.name || 'operation'} of \`${target}\` touches no protected branch`);
}
