// A per-command-line view of git configuration: `git config KEY VALUE` earlier in the line,
// `git -c KEY=VALUE` and `GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n` change what a later git
// command does (push refspecs, mirror, aliases, commands git runs). Keys are compared in
// git's canonical case: section and variable lower-cased, subsection kept.
import { own } from './own.ts';

/** What a configuration key makes git do with its value. */
export type GitKeyEffect = 'exec' | 'hidden' | 'alias' | 'push' | undefined;

const EXEC_KEYS = new Set([
  'core.sshcommand', 'core.editor', 'core.pager', 'core.fsmonitor', 'core.askpass', 'core.gitproxy', 'diff.external', 'sequence.editor', 'credential.helper',
  'gpg.program', 'uploadpack.packobjectshook', 'web.browser', 'sendemail.smtpserver', 'sendemail.tocmd', 'sendemail.cccmd',
  'sendemail.sendmailcmd', 'interactive.difffilter', 'gpg.ssh.defaultkeycommand', 'help.browser', 'man.viewer',
]);
// `*.path` of a tool names the program git starts; `submodule.*.update` may be `!command` (its
// other values, `checkout`, `rebase`, `merge`, `none`, run nothing: see judgeSetting).
const EXEC_PATTERNS = /^(pager\.[^.]+|diff\..+\.(textconv|command)|filter\..+\.(clean|smudge|process)|merge\..+\.driver|remote\..+\.(uploadpack|receivepack|proxy)|credential\..+\.helper|gpg\..+\.program|(difftool|mergetool|browser|man)\..+\.(cmd|path)|trailer\..+\.(command|cmd)|submodule\..+\.update)$/;
const HIDDEN_KEYS = /^(core\.hookspath|include\.path|includeif\..+\.path|core\.worktree|init\.templatedir|protocol\.(ext\.)?allow|protocol\..+\.allow|core\.sshcommand|url\..+\.(insteadof|pushinsteadof)|remote\..+\.(url|pushurl|vcs)|http\..*proxy|core\.attributesfile|core\.excludesfile)$/;
const PUSH_KEYS = /^(remote\..+\.(push|mirror|pushurl)|push\.default|push\.pushoption|remote\.pushdefault|branch\..+\.(merge|pushremote|remote))$/;

/** Canonical key: section and last part lower-cased, a subsection kept as written. */
export function canonicalKey(key: string): string {
  const first = key.indexOf('.');
  const last = key.lastIndexOf('.');
  if (first < 0) return key.toLowerCase();
  if (first === last) return key.toLowerCase();
  return `${key.slice(0, first).toLowerCase()}${key.slice(first, last)}${key.slice(last).toLowerCase()}`;
}

/** What setting `key` does. */
export function gitKeyEffect(key: string): GitKeyEffect {
  const lower = key.toLowerCase();
  if (lower.startsWith('alias.')) return 'alias';
  if (EXEC_KEYS.has(lower) || EXEC_PATTERNS.test(lower)) return 'exec';
  if (HIDDEN_KEYS.test(lower)) return 'hidden';
  if (PUSH_KEYS.test(lower)) return 'push';
  return undefined;
}

/** One setting a command makes. */
export interface GitSetting {
  key: string;
  value: string;
  /** The value comes from an environment variable the line does not set (`--config-env KEY=VAR`). */
  unknown?: boolean;
}

const SCOPE_SWITCHES = new Set(['--global', '--system', '--local', '--worktree', '--bool', '--int', '--path', '--bool-or-int', '--expiry-date', '--no-type', '-z', '--null', '--includes', '--no-includes', '--show-origin', '--show-scope', '--all', '--append', '--fixed-value']);
const SCOPE_VALUES = new Set(['--file', '-f', '--blob', '--type', '--default', '--comment', '--value']);

/** The settings a `git config …` invocation writes (args after `config`); empty for reads. */
export function settingsOf(args: readonly string[]): { set: GitSetting[]; unset: string[] } {
  const words: string[] = [];
  let mode: 'set' | 'add' | 'unset' | 'read' = 'set';
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (SCOPE_VALUES.has(word)) {
      index += 1;
      continue;
    }
    if (word.startsWith('--') && word.includes('=')) continue;
    if (SCOPE_SWITCHES.has(word)) continue;
    if (word === '--add' || word === '--replace-all') mode = 'add';
    else if (word === '--unset' || word === '--unset-all' || word === '--remove-section') mode = 'unset';
    else if (word.startsWith('-')) mode = 'read';
    else words.push(word);
  }
  // `git config set|unset|get|list …` (git 2.46+).
  const verb = words[0];
  if (verb === 'set' || verb === 'unset' || verb === 'get' || verb === 'list' || verb === 'edit' || verb === 'rename-section' || verb === 'remove-section') {
    words.shift();
    mode = verb === 'set' ? 'set' : verb === 'unset' || verb === 'remove-section' ? 'unset' : 'read';
  }
  if (mode === 'read') return { set: [], unset: [] };
  if (mode === 'unset') return { set: [], unset: words.slice(0, 1).map(canonicalKey) };
  if (words.length < 2) return { set: [], unset: [] };
  return { set: [{ key: canonicalKey(words[0]!), value: words[1]! }], unset: [] };
}

/** `-c KEY=VALUE`, `--config-env KEY=VAR` and `GIT_CONFIG_*` settings in effect for one git invocation. */
export function invocationSettings(args: readonly string[], env: Readonly<Record<string, string>>): GitSetting[] {
  const settings: GitSetting[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (!word.startsWith('-')) break;
    if (word === '-c') {
      const pair = args[++index] ?? '';
      const eq = pair.indexOf('=');
      settings.push(eq < 0 ? { key: canonicalKey(pair), value: 'true' } : { key: canonicalKey(pair.slice(0, eq)), value: pair.slice(eq + 1) });
    } else if (word === '--config-env' || word.startsWith('--config-env=')) {
      // The value is that of the variable: known when the line sets it, else unknown.
      const pair = word === '--config-env' ? args[++index] ?? '' : word.slice('--config-env='.length);
      const eq = pair.indexOf('=');
      const value = own(env, pair.slice(eq + 1));
      settings.push(value === undefined ? { key: canonicalKey(eq < 0 ? pair : pair.slice(0, eq)), value: '', unknown: true } : { key: canonicalKey(pair.slice(0, eq)), value });
    } else if (/^(-C|--git-dir|--work-tree|--namespace|--exec-path|--super-prefix)$/.test(word)) {
      index += 1;
    }
  }
  const count = Number.parseInt(own(env, 'GIT_CONFIG_COUNT') ?? '', 10);
  for (let at = 0; at < (Number.isFinite(count) ? Math.min(count, 64) : 0); at += 1) {
    const key = own(env, `GIT_CONFIG_KEY_${at}`);
    if (key !== undefined) settings.push({ key: canonicalKey(key), value: own(env, `GIT_CONFIG_VALUE_${at}`) ?? '' });
  }
  const parameters = own(env, 'GIT_CONFIG_PARAMETERS');
  if (parameters === undefined) return settings;
  for (const match of parameters.matchAll(/'([^']*)'(?:='([^']*)')?/g)) {
    const pair = match[1]!;
    const eq = pair.indexOf('=');
    if (match[2] !== undefined) settings.push({ key: canonicalKey(pair), value: match[2] });
    else settings.push(eq < 0 ? { key: canonicalKey(pair), value: 'true' } : { key: canonicalKey(pair.slice(0, eq)), value: pair.slice(eq + 1) });
  }
  return settings;
}

/** The configuration a command line has written so far (`git config` earlier in the line). */
export class GitConfigView {
  private readonly values = new Map<string, string[]>();

  /** Records what a `git config` invocation writes. */
  apply(change: { set: readonly GitSetting[]; unset: readonly string[] }): void {
    for (const key of change.unset) this.values.delete(key);
    for (const { key, value } of change.set) this.values.set(key, [...(this.values.get(key) ?? []), value]);
  }

  /** The values of `key` under this view plus per-invocation settings, last wins for scalars. */
  get(key: string, extra: readonly GitSetting[] = []): string[] {
    // Most lines configure nothing.
    if (this.values.size === 0 && extra.length === 0) return [];
    const values = [...(this.values.get(key) ?? [])];
    for (const setting of extra) if (setting.key === key) values.push(setting.value);
    return values;
  }

  /** Every key with a value, under this view plus per-invocation settings. */
  keys(extra: readonly GitSetting[] = []): string[] {
    return [...new Set([...this.values.keys(), ...extra.map((setting) => setting.key)])];
  }
}
