// What one simple command runs: unwraps wrappers (`sudo`, `env`, `timeout`, `xargs` …),
// nested shells (`bash -c` with any flag cluster, stdin-fed shells), `eval`, `trap`,
// `find -exec`, git aliases and interpreters' one-liners, then records the invocations,
// the files they touch and any `git push`.
import { canonicalForms, renderForm } from './canonical/index.ts';
import { fileAccessesOf } from './file-access.ts';
import { canRunPrograms, interpreterFor, locateCode, scriptsInCode } from './interpreters.ts';
import type { CommandAnalysis, Invocation, Word } from './types.ts';
import { readWrapper } from './unwrap.ts';
import { wrapperFor } from './wrappers.ts';

/** Where a command sits: wrappers around it, its environment, how deep, and its script source. */
export interface Frame {
  via: string[];
  env: Record<string, string>;
  depth: number;
  source: string;
}

/** What a command reads on stdin, as far as we can tell. */
export type Stdin =
  | { kind: 'text'; text: string; dynamic: boolean; decoded?: boolean }
  | { kind: 'fetch'; text: string }
  | { kind: 'stream'; from: string }
  | undefined;

/** The scanner, as `runCommand` needs it (recursion into nested scripts). */
export interface ScriptRunner {
  readonly analysis: CommandAnalysis;
  script(source: string, frame: Omit<Frame, 'source'>): void;
}

const SHELLS = /^(sh|bash|dash|zsh|ksh|ksh93|mksh|ash|yash|posh|rbash|fish|busybox)$/;
const POWERSHELL = /^(pwsh|powershell)(\.exe)?$/i;
// Variables whose value some program runs as a command.
const EXEC_ENV = new Set(['GIT_SSH_COMMAND', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'EDITOR', 'VISUAL', 'PAGER', 'GIT_PAGER', 'GIT_EXTERNAL_DIFF', 'GIT_ASKPASS', 'SSH_ASKPASS', 'PROMPT_COMMAND', 'LESSOPEN', 'MANPAGER', 'SYSTEMD_PAGER']);
// Variables that load code or configuration we cannot see.
const HIDDEN_ENV = new Set(['LD_PRELOAD', 'LD_AUDIT', 'DYLD_INSERT_LIBRARIES', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'NODE_OPTIONS', 'PYTHONSTARTUP', 'PERL5OPT', 'RUBYOPT', 'BASH_ENV', 'ENV']);

// git settings whose value git runs as a command, and settings that load hidden code.
const GIT_EXEC_KEYS = new Set(['core.sshcommand', 'core.editor', 'core.pager', 'core.fsmonitor', 'diff.external', 'sequence.editor', 'credential.helper', 'gpg.program', 'pager.log', 'pager.diff', 'uploadpack.packobjectshook']);
const GIT_HIDDEN_KEYS = new Set(['core.hookspath', 'include.path', 'core.worktree']);

/** Runs one simple command's words (program first) through the unwrapping rules. */
export function runCommand(runner: ScriptRunner, words: readonly Word[], frame: Frame, stdin: Stdin): void {
  const head = words[0];
  if (head === undefined) return;
  checkEnvironment(runner, frame);
  if (head.dynamic) {
    runner.analysis.opaque.push({ kind: 'dynamic-program', detail: `the program name \`${head.value}\` is made by expansion` });
    // A name held in a variable this script set to a literal is also judged as that program, so a
    // block rule still catches `x=terraform; $x apply`; the finding above keeps it from ever being allowed.
    const held = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(head.value)?.[1];
    const literal = held === undefined ? undefined : frame.env[held];
    if (literal) runCommand(runner, [{ value: literal, dynamic: false }, ...words.slice(1)], frame, stdin);
    return;
  }
  const program = basename(head.value);
  const args = words.slice(1);
  const wrapper = wrapperFor(program, args[0]?.value);
  if (wrapper !== undefined) {
    emit(runner, words, frame, 'wrapper');
    const via = [...frame.via, program];
    for (const reading of readWrapper(words, wrapper)) {
      const inner = { ...frame, via, env: { ...frame.env, ...reading.env } };
      if (reading.script) runScript(runner, reading.script, inner, `${program} -c`);
      else if (wrapper.joinsScript && reading.inner.length > 0) runScript(runner, joinWords(reading.inner), inner, program);
      else runCommand(runner, reading.inner, inner, stdin);
    }
    return;
  }
  if (SHELLS.test(program) || POWERSHELL.test(program)) return runShell(runner, words, frame, stdin, program);
  const interpreter = interpreterFor(program);
  if (interpreter !== undefined) return runInterpreter(runner, words, frame, stdin, program, locateCode(words.map((word) => word.value), interpreter));
  switch (program) {
    case 'eval':
      emit(runner, words, frame, 'wrapper');
      return runScript(runner, joinWords(args), { ...frame, via: [...frame.via, 'eval'] }, 'eval');
    case 'trap':
      if (args[0] && !args[0].value.startsWith('-')) runScript(runner, args[0], { ...frame, via: [...frame.via, 'trap'] }, 'trap');
      return emit(runner, words, frame, 'run');
    case 'at':
    case 'batch':
      emit(runner, words, frame, 'wrapper');
      return consumeStdin(runner, stdin, { ...frame, via: [...frame.via, program] }, program, 'shell');
    case 'find':
      return runFind(runner, words, frame, stdin);
    case 'source':
    case '.':
      if (args.some((word) => word.dynamic)) runner.analysis.opaque.push({ kind: 'dynamic-script', detail: `\`${program}\` runs a file made by expansion` });
      if (args[0]?.fetch !== undefined) fetchedScript(runner, args[0].fetch, program);
      return emit(runner, words, frame, 'run');
    case 'git':
      if (runGitAlias(runner, words, frame, stdin)) return;
      return emit(runner, words, frame, 'run');
    default:
      return emit(runner, words, frame, 'run');
  }
}

function runShell(runner: ScriptRunner, words: readonly Word[], frame: Frame, stdin: Stdin, program: string): void {
  let index = 1;
  let command = false;
  let fromStdin = false;
  if (program === 'busybox' && words[1]?.value !== 'sh' && words[1]?.value !== 'ash') return runCommand(runner, words.slice(1), frame, stdin);
  if (program === 'busybox') index = 2;
  const powershell = POWERSHELL.test(program);
  while (index < words.length) {
    const word = words[index]!.value;
    if (word === '--' || word === '-') {
      index += 1;
      break;
    }
    if (powershell && /^-(c|co|com|comm|comma|comman|command)$/i.test(word)) {
      command = true;
      index += 1;
      break;
    }
    if (powershell && /^-(e|ec|en|enc|encodedcommand)$/i.test(word)) {
      emit(runner, words, frame, 'wrapper');
      runner.analysis.opaque.push({ kind: 'encoded-payload', detail: `\`${program} ${word}\` runs an encoded command` });
      return;
    }
    if (word.startsWith('--') || (powershell && word.startsWith('-'))) {
      index += word === '--rcfile' || word === '--init-file' || (powershell && /^-(f|file|ex|executionpolicy|wd|workingdirectory)$/i.test(word)) ? 2 : 1;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(word)) {
      const letters = word.slice(1);
      if (letters.includes('c')) command = true;
      if (letters.includes('s')) fromStdin = true;
      index += /[oO]/.test(letters) ? 2 : 1;
      continue;
    }
    break;
  }
  const label = `${program}${command ? ' -c' : ''}`;
  const inner = { ...frame, via: [...frame.via, label] };
  if (command) {
    emit(runner, words, frame, 'wrapper');
    const script = powershell ? joinWords(words.slice(index)) : words[index];
    if (script !== undefined) runScript(runner, powershell ? script : withPositionals(script, words.slice(index + 1)), inner, label);
    return;
  }
  const file = words[index];
  if (file !== undefined && !fromStdin) {
    if (file.fetch !== undefined) return fetchedScript(runner, file.fetch, program);
    if (file.dynamic) runner.analysis.opaque.push({ kind: 'dynamic-script', detail: `\`${program}\` runs a script named by expansion (\`${file.value}\`)` });
    return emit(runner, words, frame, 'run');
  }
  if (stdin === undefined) return emit(runner, words, frame, 'run');
  emit(runner, words, frame, 'wrapper');
  consumeStdin(runner, stdin, inner, program, 'shell');
}

function runInterpreter(runner: ScriptRunner, words: readonly Word[], frame: Frame, stdin: Stdin, program: string, source: ReturnType<typeof locateCode>): void {
  emit(runner, words, frame, 'run');
  const inner = { ...frame, via: [...frame.via, program] };
  if (source.kind === 'file') {
    const file = words[source.index];
    if (file?.fetch !== undefined) fetchedScript(runner, file.fetch, program);
    return;
  }
  if (source.kind === 'stdin') return consumeStdin(runner, stdin, inner, program, 'code');
  const code = words[source.index];
  if (code === undefined) return;
  if (code.dynamic) {
    runner.analysis.opaque.push({ kind: 'dynamic-script', detail: `\`${program}\` runs code made by expansion` });
    if (code.fetch !== undefined) runner.analysis.pipelines.push(`${code.fetch} | sh`);
    return;
  }
  probeCode(runner, code.value, inner, program);
}

// Interpreter code that can run programs: read its string literals as shell, and never allow.
function probeCode(runner: ScriptRunner, code: string, frame: Frame, program: string): void {
  if (!canRunPrograms(code)) return;
  runner.analysis.opaque.push({ kind: 'interpreter-exec', detail: `\`${program}\` code runs other programs` });
  for (const script of scriptsInCode(code)) runner.script(script, { ...frame, depth: frame.depth + 1 });
}

function consumeStdin(runner: ScriptRunner, stdin: Stdin, frame: Frame, program: string, as: 'shell' | 'code'): void {
  if (stdin === undefined) return;
  if (stdin.kind === 'fetch') return fetchedScript(runner, stdin.text, program);
  if (stdin.kind === 'stream') {
    runner.analysis.opaque.push({ kind: 'stdin-shell', detail: `\`${program}\` runs what \`${stdin.from}\` writes` });
    return;
  }
  if (stdin.decoded) runner.analysis.opaque.push({ kind: 'encoded-payload', detail: `\`${program}\` runs a decoded payload` });
  if (stdin.dynamic) runner.analysis.opaque.push({ kind: 'dynamic-script', detail: `\`${program}\` reads a here-document with expansions` });
  if (as === 'code') return probeCode(runner, stdin.text, frame, program);
  runner.script(stdin.text, { ...frame, depth: frame.depth + 1 });
}

function fetchedScript(runner: ScriptRunner, fetch: string, program: string): void {
  runner.analysis.opaque.push({ kind: 'stdin-shell', detail: `\`${program}\` runs a downloaded script` });
  runner.analysis.pipelines.push(`${fetch} | sh`);
}

function runScript(runner: ScriptRunner, script: Word, frame: Frame, label: string): void {
  if (script.dynamic) {
    runner.analysis.opaque.push({ kind: label === 'eval' ? 'eval-dynamic' : 'dynamic-script', detail: `\`${label}\` runs \`${script.value}\`, made by expansion` });
    if (script.fetch !== undefined) runner.analysis.pipelines.push(`${script.fetch} | sh`);
  }
  runner.script(script.value, { ...frame, depth: frame.depth + 1 });
}

// `sh -c 'terraform $1' sh apply`: the words after the script are $0, $1, ...
function withPositionals(script: Word, params: readonly Word[]): Word {
  if (params.length === 0 || script.dynamic) return script;
  const value = script.value.replace(/\$\{?([0-9@*])\}?/g, (whole, name: string) => {
    if (name === '@' || name === '*') return params.slice(1).map((param) => param.value).join(' ');
    return params[Number(name)]?.value ?? whole;
  });
  return { value, dynamic: params.some((param) => param.dynamic) };
}

function runFind(runner: ScriptRunner, words: readonly Word[], frame: Frame, stdin: Stdin): void {
  emit(runner, words, frame, 'run');
  for (let index = 1; index < words.length; index += 1) {
    if (!/^-(exec|execdir|ok|okdir)$/.test(words[index]!.value)) continue;
    const start = index + 1;
    let end = start;
    while (end < words.length && words[end]!.value !== ';' && words[end]!.value !== '+') end += 1;
    runCommand(runner, words.slice(start, end), { ...frame, via: [...frame.via, `find ${words[index]!.value}`] }, stdin);
    index = end;
  }
}

// `git -c alias.x='push --force' x` and `-c alias.x='!sh-command'`.
function runGitAlias(runner: ScriptRunner, words: readonly Word[], frame: Frame, stdin: Stdin): boolean {
  const aliases = new Map<string, Word>();
  let index = 1;
  while (index < words.length && words[index]!.value.startsWith('-')) {
    const word = words[index]!.value;
    if (word === '-c' || word === '--config-env') {
      const setting = words[index + 1];
      const match = setting && /^alias\.([^=]+)=(.*)$/s.exec(setting.value);
      if (match) aliases.set(match[1]!.toLowerCase(), { value: match[2]!, dynamic: setting!.dynamic });
      const config = setting && /^([^=]+)=(.*)$/s.exec(setting.value);
      const key = config?.[1]!.toLowerCase();
      if (config && key !== undefined && GIT_EXEC_KEYS.has(key)) runScript(runner, { value: config[2]!.replace(/^!/, ''), dynamic: setting!.dynamic }, { ...frame, via: [...frame.via, `git -c ${key}`] }, `git -c ${key}`);
      if (key !== undefined && GIT_HIDDEN_KEYS.has(key)) runner.analysis.opaque.push({ kind: 'hidden-config', detail: `\`git -c ${key}\` loads code the command does not show` });
      index += 2;
      continue;
    }
    index += ['-C', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--super-prefix'].includes(word) ? 2 : 1;
  }
  const alias = words[index] && aliases.get(words[index]!.value.toLowerCase());
  if (!alias) return false;
  emit(runner, words, frame, 'wrapper');
  const via = { ...frame, via: [...frame.via, `git alias ${words[index]!.value}`] };
  if (alias.value.startsWith('!')) {
    runScript(runner, { value: alias.value.slice(1), dynamic: alias.dynamic }, via, 'git alias');
  } else {
    const expanded = alias.value.split(/\s+/).filter(Boolean).map((value) => ({ value, dynamic: alias.dynamic }));
    runCommand(runner, [...words.slice(0, index).filter((_, at) => at === 0), ...expanded, ...words.slice(index + 1)], via, stdin);
  }
  return true;
}

function checkEnvironment(runner: ScriptRunner, frame: Frame): void {
  for (const [name, value] of Object.entries(frame.env)) {
    if (HIDDEN_ENV.has(name) || name.startsWith('GIT_CONFIG_KEY_')) {
      if (!runner.analysis.opaque.some((item) => item.detail.startsWith(`\`${name}\``))) runner.analysis.opaque.push({ kind: 'hidden-config', detail: `\`${name}\` loads code or configuration the command does not show` });
    } else if (EXEC_ENV.has(name) && !runner.analysis.invocations.some((item) => item.via.includes(`$${name}`))) {
      runner.script(value, { ...frame, via: [...frame.via, `$${name}`], depth: frame.depth + 1, env: {} });
    }
  }
}

function emit(runner: ScriptRunner, words: readonly Word[], frame: Frame, role: Invocation['role']): void {
  const argv = words.map((word) => word.value);
  const typed = argv[0]!;
  const program = basename(typed);
  const forms = canonicalForms(program, argv.slice(1), frame.env);
  runner.analysis.invocations.push({
    argv: [program, ...argv.slice(1)],
    program,
    via: frame.via,
    env: frame.env,
    workspaceBinary: typed.includes('/') && !typed.startsWith('/'),
    forms,
    canonical: forms.map(renderForm),
    text: argv.join(' '),
    role,
  });
  if (role !== 'run') return;
  const literalArgs = words.slice(1).filter((word) => !word.dynamic).map((word) => word.value);
  runner.analysis.files.push(...fileAccessesOf(program, literalArgs));
  const push = forms.filter((form) => form.program === 'git' && form.path[0] === 'push');
  if (push.length > 0) {
    const flags = new Set(push.flatMap((form) => [...form.flags.keys()]));
    const operation = flags.has('--mirror') ? 'push --mirror' : flags.has('--force') ? 'push --force' : 'push';
    const target = push
      .filter((form) => form.positionals[1] !== undefined)
      .map((form) => `${form.flags.has('--delete') ? ':' : form.flags.has('--force') ? '+' : ''}${form.positionals[1]}`)
      .join(' ');
    runner.analysis.gitPushes.push({ operation, target });
  }
}

function joinWords(words: readonly Word[]): Word {
  return { value: words.map((word) => word.value).join(' '), dynamic: words.some((word) => word.dynamic), ...(words.find((word) => word.fetch)?.fetch ? { fetch: words.find((word) => word.fetch)!.fetch! } : {}) };
}

function basename(program: string): string {
  const slash = program.lastIndexOf('/');
  return slash >= 0 ? program.slice(slash + 1) : program;
}
