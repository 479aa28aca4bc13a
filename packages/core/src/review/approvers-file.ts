// `.cavra/approvers.yml`: who may give the approval a `require_approval` decision waits for.
// Validated as strictly as a pack (unknown keys, duplicate keys and empty groups are errors, each
// naming the file, the path inside it and the line), because a typo here silently changes who
// can let an agent's change merge.
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { CavraError } from '../errors.ts';

/** Where the approvers file lives in a repository (read from the base branch, never the change's head). */
export const APPROVERS_FILE = '.cavra/approvers.yml';

/** One approver group: named users and provider groups (GitHub `org/team`, GitLab group paths, Azure DevOps groups). */
export interface ApproverGroup {
  name: string;
  users: readonly string[];
  groups: readonly string[];
}

/** A validated approvers file. Lookups are case-insensitive, as provider logins are. */
export interface ApproversFile {
  file: string;
  /** Keyed by the group name in lower case. */
  groups: ReadonlyMap<string, ApproverGroup>;
  /** Accounts that are agents, added to the defaults (never removing one). */
  agentAccounts: readonly string[];
}

const TOP_KEYS = ['version', 'approver_groups', 'agent_accounts'] as const;
const GROUP_KEYS = ['users', 'groups'] as const;

/**
 * Parses and validates an approvers file.
 *
 * @example
 * parseApprovers('approver_groups:\n  Platform Security:\n    users: [alice]\n    groups: [acme/security]\n', '.cavra/approvers.yml');
 */
export function parseApprovers(text: string, file: string): ApproversFile {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: true });
  const fail = (path: string, node: Node | null | undefined, expected: string): CavraError => {
    const line = node?.range ? lines.linePos(node.range[0]).line : undefined;
    const where = line === undefined ? file : `${file}:${line}`;
    return new CavraError('ERR_APPROVERS_INVALID', `invalid approvers file \`${where}\` at \`${path}\`: ${expected}`, {
      hint: 'see docs/providers/github-actions.md#approvals for the approvers file format',
      details: { file, path, line },
    });
  };
  const yamlError = document.errors[0];
  if (yamlError) {
    const position = yamlError.linePos?.[0];
    throw new CavraError('ERR_APPROVERS_INVALID', `invalid yaml in \`${position ? `${file}:${position.line}:${position.col}` : file}\`: ${yamlError.message.split('\n')[0]}`, {
      hint: 'fix the YAML syntax at that line',
      details: { file, line: position?.line },
    });
  }
  const root = document.contents;
  if (!isMap(root)) throw fail('(root)', root, 'expected a mapping with `approver_groups`');
  const top = keyedPairs(root.items, '', TOP_KEYS, fail);

  const version = top.get('version');
  if (version && !(isScalar(version.value) && version.value.value === 1)) throw fail('version', version.value as Node, 'expected 1');

  const groupsNode = top.get('approver_groups')?.value as Node | undefined;
  if (!groupsNode) throw fail('(root)', root, 'missing required key `approver_groups`');
  if (!isMap(groupsNode)) throw fail('approver_groups', groupsNode, 'expected a mapping of group name to `users` and `groups`');
  const groups = new Map<string, ApproverGroup>();
  for (const pair of groupsNode.items) {
    const name = scalarKey(pair);
    if (name === undefined || name.trim() === '') throw fail('approver_groups', pair.key as Node, 'expected a group name');
    const at = `approver_groups.${name}`;
    if (groups.has(name.toLowerCase())) throw fail(at, pair.key as Node, 'group names differ only in case');
    const body = pair.value as Node | null;
    if (!isMap(body)) throw fail(at, body ?? (pair.key as Node), 'expected a mapping with `users` and/or `groups`');
    const entries = keyedPairs(body.items, at, GROUP_KEYS, fail);
    const users = nameList(entries.get('users'), `${at}.users`, fail);
    const providerGroups = nameList(entries.get('groups'), `${at}.groups`, fail);
    if (users.length === 0 && providerGroups.length === 0) throw fail(at, body, 'expected at least one user or group');
    groups.set(name.toLowerCase(), { name, users, groups: providerGroups });
  }
  const agentAccounts = nameList(top.get('agent_accounts'), 'agent_accounts', fail);
  return { file, groups, agentAccounts };
}

type Fail = (path: string, node: Node | null | undefined, expected: string) => CavraError;

function keyedPairs(items: readonly Pair[], at: string, allowed: readonly string[], fail: Fail): Map<string, Pair> {
  const found = new Map<string, Pair>();
  for (const pair of items) {
    const key = scalarKey(pair);
    const path = at === '' ? String(key) : `${at}.${String(key)}`;
    if (key === undefined || !allowed.includes(key)) throw fail(path, pair.key as Node, `unknown key \`${String(key)}\` (expected ${allowed.join(', ')})`);
    found.set(key, pair);
  }
  return found;
}

function nameList(pair: Pair | undefined, path: string, fail: Fail): string[] {
  if (!pair) return [];
  const node = pair.value as Node | null;
  if (!isSeq(node)) throw fail(path, node ?? (pair.key as Node), 'expected a list of names');
  const names = node.items.map((item, index) => {
    const value = isScalar(item) ? item.value : undefined;
    if (typeof value !== 'string' || value.trim() === '' || value !== value.trim()) {
      throw fail(`${path}[${index}]`, item as Node, 'expected a non-empty name without surrounding spaces');
    }
    return value;
  });
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (seen.has(name.toLowerCase())) throw fail(`${path}[${index}]`, node.items[index] as Node, `\`${name}\` is listed twice`);
    seen.add(name.toLowerCase());
  });
  return names;
}

function scalarKey(pair: Pair): string | undefined {
  return isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
}
