// What one simple command runs: unwraps wrappers (`sudo`, `env`, `timeout`, `xargs` …),
// nested shells (`bash -c` with any flag cluster, stdin-fed shells, `source /dev/stdin`),
// `eval`, `trap`, `find -exec`, containers (`docker run`, `kubectl exec`), git aliases and the
// git configuration the line wrote, options whose value is code (program-options.ts) and
// interpreters' one-liners, then records the invocations, the files they touch and any push.
import { canonicalForms, renderForm } from './canonical/index.ts';
import { containerCommands } from './containers.ts';
import { fileAccessesOf, usablePath } from './file-access.ts';
import { gitKeyEffect, invocationSettings, settingsOf, type GitConfigView, type GitSetting } from './git-config.ts';
import { gitSubcommandIndex } from './git-subcommand.ts';
import { canRunPrograms, interpreterFor, locateCode, scriptsInCode } from './interpreters.ts';
import { EXEC_ENV, harmlessSetting, loadsCode, optionHazards, RESOLUTION_ENV, type OptionHazard } from './program-options.ts';
import { namedInstalls } from './package-installs.ts';
import { own } from './own.ts';
import { dynamicRunnerSubcommand, packageRunnerFor, pickedPackage } from './package-runners.ts';
import { expressionHazard, nameArgumentHazard } from './reeval.ts';
import type { CanonicalForm, CommandAnalysis, FileAccessFinding, OpaqueKind, StreamInput, Word } from './types.ts';
import { readWrapper } from './unwrap.ts';
import { sshRemoteCommand } from './ssh.ts';
import { xargsCommands } from './xargs.ts';
import { escapeGlob, splitFields, type WordScope } from './word.ts';
import { wrapperFor, type WrapperSpec } from './wrappers.ts';

/** Where a command sits: wrappers around it, its environment and constants, how deep, its script. */
export interface Frame {
  via: string[];
  /** Inside what a package runner starts: its runs are `delegated` invocations. */
  delegated?: boolean;
  /**
   * The shell's working directory, shared by the commands of one shell (`cd x && …`): relative
   * file names are judged from it. No path is the workspace root; UNKNOWN_DIRECTORY is unknown.
   */
  dir: { path?: string };
  /** Every variable set in this script or by a wrapper, value as written. */
  env: Record<string, string>;
  /**
   * The script's own variables, where a command's `env` is its copy with the assignments before
   * it: code the command runs in this same shell (`eval`, `source`) sets variables here.
   */
  shellEnv?: Record<string, string>;
  /** Variables whose value is a known constant (the word evaluator reads these). */
  consts: Record<string, string>;
  /** Arrays assigned from literals. */
  arrays: Record<string, string[]>;
  /** Names declared associative (`declare -A`): their subscripts are strings, not arithmetic. */
  assoc: Set<string>;
  depth: number;
  source: string;
}

/** What a command reads on stdin, as far as we can tell. */
export type Stdin = StreamInput;

/** The scanner, as `runCommand` needs it (recursion into nested scripts). */
export interface ScriptRunner {
  readonly analysis: CommandAnalysis;
  readonly gitConfig: GitConfigView;
  /**
   * `shell`: `'same'` when the script runs in the caller's shell (`eval`, `source`), so its
   * assignments and `cd` are the caller's; `'child'` (the default) when it runs in a shell of its own.
   */
  script(source: string, frame: Omit<Frame, 'source' | 'consts' | 'arrays' | 'assoc'> & Partial<Pick<Frame, 'consts' | 'arrays' | 'assoc'>>, shell?: 'same' | 'child'): void;
  opaque(kind: OpaqueKind, detail: string): void;
  forget(name: string, frame: Frame): void;
  scope(frame: Frame): WordScope;
  reveal(value: string, frame: Frame): void;
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ksh93', 'mksh', 'ash', 'yash', 'posh', 'rbash', 'fish', 'busybox']);
const POWERSHELL = /^(pwsh|powershell)(\.exe)?$/i;
// Files through which a shell or `source` reads its standard input.
const STDIN_FILES = /^(\/dev\/stdin|\/dev\/fd\/0|\/proc\/self\/fd\/0|\/proc\/\d+\/fd\/0|-)$/;
// The only directories whose programs a bare-name allow rule may stand for.
const SYSTEM_PROGRAM = /^\/(?:usr\/(?:local\/)?)?s?bin\/[^/]+$/;
const NAME_BUILTINS = new Set(['read', 'mapfile', 'readarray', 'printf', 'getopts', 'wait', 'test', '[', 'export', 'readonly', 'declare', 'typeset', 'local']);

/** Whether a typed program path is not a system binary (`./x`, `/tmp/x/npm`, `/proc/self/cwd/npm`). */
export function isWorkspaceBinary(typed: string): boolean {
  return typed.includes('/') && !SYSTEM_PROGRAM.test(typed);
}

/** Runs one simple command's words (program first) through the unwrapping rules. */
export function runCommand(runner: ScriptRunner, words: readonly Word[], frame: Frame, stdin: Stdin): void {
  const head = words[0];
  if (head === undefined) return;
  checkEnvironment(runner, frame);
  if (head.dynamic) {
    runner.opaque('dynamic-program', `the program name \`${head.value}\` is made by expansion`);
    return;
  }
  // A name computed from constants (`x=terraform; $x`, `$(echo terraform)`) is judged as that
  // program too, so block rules hold; the finding keeps it from ever being allowed.
  if (head.computed) runner.opaque('dynamic-program', `the program name \`${head.value}\` is made by expansion`);
  const program = basename(head.value);
  const args = words.slice(1);
  const wrapper = wrapperFor(program, args);
  if (wrapper !== undefined) {
    emit(runner, words, frame, 'wrapper');
    // `env -C DIR cmd` runs cmd in DIR.
    const chdir = program === 'env' ? optionValue(words, ['-C', '--chdir']) : undefined;
    const dir = chdir === undefined ? frame.dir : { path: chdir.dynamic ? UNKNOWN_DIRECTORY : directoryFrom(frame.dir.path, chdir.value) };
    return runWrapped(runner, words, wrapper, { ...frame, via: [...frame.via, program], dir }, stdin, program);
  }
  const packageRunner = packageRunnerFor(program, args);
  if (packageRunner !== undefined) {
    emit(runner, words, frame, 'run');
    const own = words.slice(packageRunner.words - 1);
    const readings = readWrapper(own, packageRunner.spec);
    const picked = pickedPackage(packageRunner, own, readings[0]?.inner[0]);
    if (picked !== undefined) runner.opaque('code-option', `\`${packageRunner.name}\` runs a package the line picks (\`${picked}\`), not one the lockfile pins`);
    const inner = { ...frame, via: [...frame.via, packageRunner.name], delegated: true };
    return runWrapped(runner, own, packageRunner.spec, inner, stdin, packageRunner.name, readings);
  }
  const dynamicSubcommand = dynamicRunnerSubcommand(program, args);
  if (dynamicSubcommand !== undefined) runner.opaque('dynamic-program', `\`${program}\` may start any program: its subcommand \`${dynamicSubcommand.value}\` is made by expansion`);
  if (SHELLS.has(program) || POWERSHELL.test(program)) return runShell(runner, words, frame, stdin, program);
  const interpreter = interpreterFor(program);
  if (interpreter !== undefined) return runInterpreter(runner, words, frame, stdin, program, locateCode(words.map((word) => word.value), interpreter));
  const remote = program === 'ssh' ? sshRemoteCommand(words) : undefined;
  if (remote !== undefined) {
    emit(runner, words, frame, 'run');
    return runScript(runner, joinWords(remote), { ...frame, via: [...frame.via, 'ssh'], env: {} }, 'ssh');
  }
  const containers = containerCommands(program, words);
  if (containers !== undefined) {
    emit(runner, words, frame, 'run');
    for (const reading of containers) runCommand(runner, reading.inner, { ...frame, via: [...frame.via, reading.via], env: {} }, undefined);
    return;
  }
  if (NAME_BUILTINS.has(program)) nameArguments(runner, program, args, frame);
  switch (program) {
    case 'read':
      readLiteral(args, frame, stdin);
      return emit(runner, words, frame, 'run');
    case 'set':
      setPositionals(args, frame);
      return emit(runner, words, frame, 'run');
    case 'eval':
      emit(runner, words, frame, 'wrapper');
      return runScript(runner, joinWords(args), { ...frame, via: [...frame.via, 'eval'] }, 'eval', 'same');
    case 'trap':
      if (args[0] && !args[0].value.startsWith('-')) runScript(runner, args[0], { ...frame, via: [...frame.via, 'trap'] }, 'trap', 'later');
      return emit(runner, words, frame, 'run');
    case 'at':
    case 'batch':
      emit(runner, words, frame, 'wrapper');
      return consumeStdin(runner, stdin, { ...frame, via: [...frame.via, program] }, program, 'shell');
    case 'find':
      return runFind(runner, words, frame, stdin);
    case 'source':
    case '.':
      return runSource(runner, words, frame, stdin, program);
    case 'let':
      for (const arg of args) {
        const why = arg.dynamic ? `\`let ${arg.value}\` evaluates an expansion` : expressionHazard(arg.value, runner.scope(frame));
        if (why === undefined) continue;
        runner.opaque('re-evaluation', why);
        runner.reveal(arg.value, frame);
      }
      return emit(runner, words, frame, 'run');
    case 'coproc': {
      // `coproc [NAME] { cmd; }` / `coproc cmd`: tree-sitter reads the body as plain words.
      emit(runner, words, frame, 'wrapper');
      let inner = args;
      if (inner.length > 1 && /^[A-Za-z_]\w*$/.test(inner[0]!.value) && /^[{(]$/.test(inner[1]!.value)) inner = inner.slice(1);
      while (inner[0] !== undefined && /^[{(]$/.test(inner[0].value)) inner = inner.slice(1);
      return runCommand(runner, inner, { ...frame, via: [...frame.via, 'coproc'] }, stdin);
    }
    case 'alias':
    case 'hash':
    case 'enable':
    case 'shopt':
      resolutionBuiltin(runner, program, args);
      return emit(runner, words, frame, 'run');
    case 'git':
      if (runGit(runner, words, frame, stdin)) return;
      return emit(runner, words, frame, 'run');
    case 'cd':
    case 'pushd':
    case 'popd':
      changeDirectory(frame, program, args);
      return emit(runner, words, frame, 'run');
    default:
      return emit(runner, words, frame, 'run');
  }
}

/** The working directory of a shell that moved to a place the line does not show (`cd "$D"`, `cd -`, `popd`). */
export const UNKNOWN_DIRECTORY = '**';

// `cd DIR`, `pushd DIR`, `popd`: where the next commands of this shell run.
function changeDirectory(frame: Frame, program: string, args: readonly Word[]): void {
  const { dir } = frame;
  const operands = args.filter((word) => word.value !== '--' && !/^-[LPe@]+$/.test(word.value));
  const target = operands[0];
  if (program === 'popd' || (program === 'pushd' && target === undefined) || target?.dynamic || target?.value === '-' || /^[+-]\d+$/.test(target?.value ?? '')) {
    dir.path = UNKNOWN_DIRECTORY;
    return;
  }
  dir.path = target === undefined ? '~' : directoryFrom(dir.path, target.value);
}

// The value of the first of `names` among a command's words (`-C DIR`, `-CDIR`, `--chdir=DIR`).
function optionValue(words: readonly Word[], names: readonly string[]): Word | undefined {
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index]!;
    for (const name of names) {
      if (word.value === name) return words[index + 1];
      if (name.startsWith('--') ? word.value.startsWith(`${name}=`) : word.value.startsWith(name) && word.value.length > name.length) {
        return { ...word, value: word.value.slice(name.length + (name.startsWith('--') ? 1 : 0)) };
      }
    }
  }
  return undefined;
}

function directoryFrom(current: string | undefined, path: string): string {
  if (path.startsWith('/') || path.startsWith('~') || current === undefined) return path;
  return current === UNKNOWN_DIRECTORY ? `${UNKNOWN_DIRECTORY}/${path}` : `${current}/${path}`;
}

/** A file finding with a relative name judged from the shell's working directory. */
export function inDirectory(frame: Pick<Frame, 'dir'>, file: FileAccessFinding): FileAccessFinding {
  const dir = frame.dir.path;
  if (dir === undefined || file.path.startsWith('/') || file.path.startsWith('~')) return file;
  // The unknown directory may hold anything, hidden names too: the pattern is no longer as typed.
  if (dir.includes(UNKNOWN_DIRECTORY)) {
    const { typed: _typed, ...rest } = file;
    return { ...rest, path: `${dir}/${file.glob ? file.path : escapeGlob(file.path)}`, glob: true };
  }
  return { ...file, path: `${file.glob ? escapeGlob(dir) : dir}/${file.path}` };
}

// What a wrapper or package runner starts (`words` from its name on), once per reading of its arguments.
function runWrapped(runner: ScriptRunner, words: readonly Word[], spec: WrapperSpec, frame: Frame, stdin: Stdin, label: string, readings = readWrapper(words, spec)): void {
  for (const reading of readings) {
    const inner = { ...frame, env: { ...frame.env, ...reading.env } };
    if (reading.script) runScript(runner, reading.script, inner, `${label} -c`);
    else if (spec.joinsScript && reading.inner.length > 0) runScript(runner, joinWords(reading.inner), inner, label);
    else if (label === 'xargs') for (const command of xargsCommands(words, reading.inner, stdin)) runCommand(runner, command, inner, undefined);
    else runCommand(runner, reading.inner, inner, stdin);
  }
}

// `read a b <<< "literal"`: the names take the fields of the first line.
function readLiteral(args: readonly Word[], frame: Frame, stdin: Stdin): void {
  if (stdin?.kind !== 'text' || stdin.dynamic) return;
  const names = args.filter((word) => !word.value.startsWith('-') && /^[A-Za-z_]\w*$/.test(word.value)).map((word) => word.value);
  if (args.some((word) => /^-[a-zA-Z]*[adinNptu]$/.test(word.value)) || names.length === 0) return;
  const fields = splitFields(stdin.text.split('\n')[0] ?? '', frame.env.IFS ?? frame.consts.IFS ?? ' \t\n');
  names.forEach((name, index) => {
    const value = index === names.length - 1 ? fields.slice(index).join(' ') : fields[index] ?? '';
    frame.consts[name] = value;
    frame.env[name] = value;
  });
}

// `set -- a b c` (or `set a b`): the positional parameters, when literal.
function setPositionals(args: readonly Word[], frame: Frame): void {
  const dash = args.findIndex((word) => word.value === '--');
  const values = dash >= 0 ? args.slice(dash + 1) : args[0] !== undefined && !/^[-+]/.test(args[0].value) ? args : undefined;
  if (values === undefined) return;
  if (values.some((word) => word.dynamic)) {
    delete frame.arrays['@'];
    return;
  }
  frame.arrays['@'] = values.map((word) => word.value);
  values.forEach((word, index) => {
    frame.consts[String(index + 1)] = word.value;
  });
}

// `alias x=…`, `hash -p PATH name`, `enable -f lib.so name`, `shopt -s expand_aliases`.
function resolutionBuiltin(runner: ScriptRunner, program: string, args: readonly Word[]): void {
  const values = args.map((word) => word.value);
  const sets = program === 'shopt' && values.some((value) => /^-[a-z]*s/.test(value));
  const changes =
    program === 'alias' ? values.some((value) => value.includes('=')) || args.some((word) => word.dynamic)
    : program === 'hash' ? values.some((value) => /^-[a-z]*p/.test(value))
    : program === 'enable' ? values.some((value) => !/^-[aps]+$/.test(value))
    : sets && values.includes('expand_aliases');
  if (changes) runner.opaque('resolution', `\`${program} ${clip(values.join(' '))}\` changes which program a name runs`);
  if (sets) globOptions(runner, args, program);
}

// Shell options under which a typed pathname pattern names other files than it reads as:
// `dotglob` lets `*` name hidden files (`*nv` names `.env`), `nocaseglob` lets `.EN[V]` name `.env`.
const GLOB_OPTIONS = new Set(['dotglob', 'nocaseglob']);

// `shopt -s dotglob`, `bash -O nocaseglob`: what later patterns name is not what they show.
function globOptions(runner: ScriptRunner, options: readonly Word[], by: string): void {
  const option = options.find((word) => word.dynamic || GLOB_OPTIONS.has(word.value));
  if (option !== undefined) runner.opaque('hidden-config', `\`${by} ${clip(option.value)}\` changes what a pathname pattern names (a \`*\` may name hidden files, or match without regard to case)`);
}

// `read NAME`, `printf -v NAME`, `[[ -v NAME ]]`… with a subscript that runs code; and the
// names they set are no longer constants.
function nameArguments(runner: ScriptRunner, program: string, args: readonly Word[], frame: Frame): void {
  const names: Word[] = [];
  if (program === 'read' || program === 'mapfile' || program === 'readarray') {
    // Options with a value: read -a NAME -d -i -n -N -p -t -u; mapfile -d -n -O -s -u -C -c.
    const valued = program === 'read' ? 'adinNptu' : 'dnOsuCc';
    for (let index = 0; index < args.length; index += 1) {
      const value = args[index]!.value;
      if (value.length > 1 && value.startsWith('-')) {
        const last = value[value.length - 1]!;
        if (valued.includes(last)) {
          if (program === 'read' && last === 'a' && args[index + 1] !== undefined) names.push(args[index + 1]!);
          index += 1;
        }
        continue;
      }
      names.push(args[index]!);
    }
  } else if (program === 'printf' || program === 'wait') {
    const at = args.findIndex((word) => word.value === (program === 'printf' ? '-v' : '-p'));
    if (at >= 0 && args[at + 1] !== undefined) names.push(args[at + 1]!);
  } else if (program === 'getopts') {
    if (args[1] !== undefined) names.push(args[1]);
  } else if (program === 'test' || program === '[') {
    args.forEach((word, index) => {
      if (word.value === '-v' && args[index + 1] !== undefined) names.push(args[index + 1]!);
    });
  } else {
    for (const word of args) if (!word.value.startsWith('-')) names.push(word);
  }
  for (const name of names) {
    if (name === undefined) continue;
    const eq = name.value.indexOf('=');
    const bare = eq > 0 && program !== 'test' && program !== '[' ? name.value.slice(0, eq) : name.value;
    const why = nameArgumentHazard(bare, name.dynamic, runner.scope(frame));
    if (why !== undefined) {
      runner.opaque('re-evaluation', why);
      runner.reveal(bare, frame);
    }
    if (program !== 'test' && program !== '[' && /^[A-Za-z_]\w*$/.test(bare)) runner.forget(bare, frame);
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
      if (word === '-') fromStdin = true;
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
      runner.opaque('encoded-payload', `\`${program} ${word}\` runs an encoded command`);
      return;
    }
    if (word.startsWith('--') || (powershell && word.startsWith('-'))) {
      if (word === '--rcfile' || word === '--init-file') runner.opaque('code-option', `\`${program} ${word}\` loads a start-up file`);
      index += word === '--rcfile' || word === '--init-file' || (powershell && /^-(f|file|ex|executionpolicy|wd|workingdirectory)$/i.test(word)) ? 2 : 1;
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(word)) {
      const letters = word.slice(1);
      if (letters.includes('c')) command = true;
      if (letters.includes('s')) fromStdin = true;
      if (letters.includes('i') && !command) runner.opaque('code-option', `\`${program} -i\` reads start-up files`);
      if (word.startsWith('-') && letters.includes('O') && words[index + 1] !== undefined) globOptions(runner, [words[index + 1]!], `${program} -O`);
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
    if (file.input !== undefined) {
      emit(runner, words, frame, 'wrapper');
      return consumeStdin(runner, file.input, inner, program, 'shell');
    }
    if (!file.dynamic && STDIN_FILES.test(file.value)) {
      if (stdin === undefined) return emit(runner, words, frame, 'run');
      emit(runner, words, frame, 'wrapper');
      return consumeStdin(runner, stdin, inner, program, 'shell');
    }
    if (file.dynamic) runner.opaque('dynamic-script', `\`${program}\` runs a script named by expansion (\`${file.value}\`)`);
    return emit(runner, words, frame, 'run');
  }
  if (stdin === undefined) return emit(runner, words, frame, 'run');
  emit(runner, words, frame, 'wrapper');
  consumeStdin(runner, stdin, inner, program, 'shell');
}

// `source FILE`, `. /dev/stdin <<< …`, `source <(…)`: the file's text is shell code.
function runSource(runner: ScriptRunner, words: readonly Word[], frame: Frame, stdin: Stdin, program: string): void {
  const file = words[1];
  const inner = { ...frame, via: [...frame.via, program] };
  if (file === undefined) return emit(runner, words, frame, 'run');
  if (file.fetch !== undefined) fetchedScript(runner, file.fetch, program);
  if (file.input !== undefined) {
    emit(runner, words, frame, 'wrapper');
    return consumeStdin(runner, file.input, inner, program, 'source');
  }
  if (!file.dynamic && STDIN_FILES.test(file.value)) {
    emit(runner, words, frame, 'wrapper');
    if (stdin === undefined) return runner.opaque('stdin-shell', `\`${program} ${file.value}\` runs whatever arrives on standard input`);
    return consumeStdin(runner, stdin, inner, program, 'source');
  }
  if (file.dynamic) runner.opaque('dynamic-script', `\`${program}\` runs a file made by expansion`);
  return emit(runner, words, frame, 'run');
}

function runInterpreter(runner: ScriptRunner, words: readonly Word[], frame: Frame, stdin: Stdin, program: string, source: ReturnType<typeof locateCode>): void {
  emit(runner, words, frame, 'run');
  const inner = { ...frame, via: [...frame.via, program] };
  if (source.kind === 'file') {
    const file = words[source.index];
    if (file?.fetch !== undefined) fetchedScript(runner, file.fetch, program);
    else if (file?.input !== undefined) consumeStdin(runner, file.input, inner, program, 'code');
    else if (file !== undefined && !file.dynamic && STDIN_FILES.test(file.value) && words[source.index - 1]?.value !== '-m') consumeStdin(runner, stdin, inner, program, 'code');
    return;
  }
  if (source.kind === 'stdin') return consumeStdin(runner, stdin, inner, program, 'code');
  const code = words[source.index];
  if (code === undefined) return;
  if (code.dynamic) {
    runner.opaque('dynamic-script', `\`${program}\` runs code made by expansion`);
    if (code.fetch !== undefined) runner.analysis.pipelines.push(`${code.fetch} | sh`);
    return;
  }
  probeCode(runner, code.value, inner, program);
}

// Interpreter code that can run programs: read its string literals as shell, and never allow.
function probeCode(runner: ScriptRunner, code: string, frame: Frame, program: string): void {
  if (!canRunPrograms(code)) return;
  runner.opaque('interpreter-exec', `\`${program}\` code runs other programs`);
  for (const script of scriptsInCode(code)) runner.script(script, { ...frame, depth: frame.depth + 1 });
}

// `shell`: a shell of its own reads it; `source`: this shell does (`source /dev/stdin`); `code`: an interpreter.
function consumeStdin(runner: ScriptRunner, stdin: Stdin, frame: Frame, program: string, as: 'shell' | 'source' | 'code'): void {
  if (stdin === undefined) return;
  if (stdin.kind === 'fetch') return fetchedScript(runner, stdin.text, program);
  if (stdin.kind === 'stream') {
    runner.opaque('stdin-shell', `\`${program}\` runs what \`${stdin.from}\` writes`);
    return;
  }
  if (stdin.decoded) runner.opaque('encoded-payload', `\`${program}\` runs a decoded payload`);
  if (stdin.dynamic) runner.opaque('dynamic-script', `\`${program}\` reads a here-document with expansions`);
  if (as === 'code') return probeCode(runner, stdin.text, frame, program);
  runner.script(stdin.text, { ...frame, depth: frame.depth + 1 }, as === 'source' ? 'same' : 'child');
}

function fetchedScript(runner: ScriptRunner, fetch: string, program: string): void {
  runner.opaque('stdin-shell', `\`${program}\` runs a downloaded script`);
  runner.analysis.pipelines.push(`${fetch} | sh`);
}

// `shell`: where the script runs; `later` is this shell at times the line does not show (a trap
// handler), so what it assigns is unknown afterwards.
function runScript(runner: ScriptRunner, script: Word, frame: Frame, label: string, shell: 'same' | 'child' | 'later' = 'child'): void {
  // A script computed from constants may still differ at run time (`${CMD:-ls}`): judged, never allowed.
  if (script.computed && !script.dynamic) runner.opaque(label === 'eval' ? 'eval-dynamic' : 'dynamic-script', `\`${label}\` runs \`${clip(script.value)}\`, computed from expansions`);
  if (script.dynamic) {
    runner.opaque(label === 'eval' ? 'eval-dynamic' : 'dynamic-script', `\`${label}\` runs \`${script.value}\`, made by expansion`);
    if (script.fetch !== undefined) runner.analysis.pipelines.push(`${script.fetch} | sh`);
  }
  if (shell !== 'later') return runner.script(script.value, { ...frame, depth: frame.depth + 1 }, shell);
  const consts = { ...frame.consts };
  const arrays = { ...frame.arrays };
  const dir = frame.dir.path;
  runner.script(script.value, { ...frame, depth: frame.depth + 1 }, 'same');
  for (const name of Object.keys(frame.consts)) if (frame.consts[name] !== own(consts, name)) runner.forget(name, frame);
  for (const name of Object.keys(frame.arrays)) if (frame.arrays[name] !== own(arrays, name)) runner.forget(name, frame);
  if (frame.dir.path !== dir) frame.dir.path = UNKNOWN_DIRECTORY;
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

// git under the line's configuration view: `-c`, `GIT_CONFIG_*` and earlier `git config` writes.
// Settings whose value git runs are analysed as commands, hidden loaders are opaque, aliases
// expand, and a push reads the refspecs and mirror setting the line configured.
function runGit(runner: ScriptRunner, words: readonly Word[], frame: Frame, stdin: Stdin): boolean {
  const values = words.map((word) => word.value);
  const settings = invocationSettings(values.slice(1), frame.env);
  for (const setting of settings) judgeSetting(runner, setting, frame, 'git -c');
  const at = gitSubcommandIndex(values.slice(1));
  if (at < 0) return false;
  const index = at + 1;
  const sub = values[index]!;
  if (sub === 'config') {
    const change = settingsOf(values.slice(index + 1));
    for (const setting of change.set) judgeSetting(runner, setting, frame, 'git config');
    runner.gitConfig.apply(change);
    return false;
  }
  const alias = runner.gitConfig.get(`alias.${sub.toLowerCase()}`, settings).pop();
  if (alias !== undefined && frame.via.includes(`git alias ${sub}`)) {
    runner.opaque('depth-limit', `git alias \`${sub}\` expands to itself`);
    return true;
  }
  if (alias !== undefined) {
    emit(runner, words, frame, 'wrapper');
    const via = { ...frame, via: [...frame.via, `git alias ${sub}`] };
    const dynamic = words.some((word) => word.dynamic);
    if (alias.startsWith('!')) runScript(runner, { value: alias.slice(1), dynamic }, via, 'git alias');
    else runCommand(runner, [words[0]!, ...alias.split(/\s+/).filter(Boolean).map((value) => ({ value, dynamic })), ...words.slice(index + 1)], via, stdin);
    return true;
  }
  if (sub === 'push') {
    emit(runner, words, frame, 'run');
    configuredPushes(runner, values.slice(index + 1), settings);
    return true;
  }
  return false;
}

function judgeSetting(runner: ScriptRunner, setting: GitSetting, frame: Frame, label: string): void {
  const effect = gitKeyEffect(setting.key);
  const via = { ...frame, via: [...frame.via, `${label} ${setting.key}`] };
  if (effect !== undefined && setting.unknown === true) {
    runner.opaque('hidden-config', `\`git --config-env ${setting.key}\` takes its value from a variable the line does not set`);
  } else if (effect === 'exec' && setting.value !== '' && !/^(true|false|yes|no|on|off|0|1)$/i.test(setting.value) && !(/^submodule\./i.test(setting.key) && !setting.value.startsWith('!'))) {
    runScript(runner, { value: setting.value.replace(/^!/, ''), dynamic: false }, via, `${label} ${setting.key}`);
  } else if (effect === 'hidden') {
    runner.opaque('hidden-config', `\`${label} ${setting.key}\` loads code or changes where git sends data`);
  } else if (effect === 'alias') {
    // Judged as what it expands to, in a clean environment (the settings are judged once, here).
    if (setting.value.startsWith('!')) runScript(runner, { value: setting.value.slice(1), dynamic: false }, { ...via, env: {} }, `${label} ${setting.key}`);
    else if (frame.depth < 8) runCommand(runner, [{ value: 'git', dynamic: false }, ...setting.value.split(/\s+/).filter(Boolean).map((value) => ({ value, dynamic: false }))], { ...via, env: {}, depth: frame.depth + 1 }, undefined);
  } else if (effect === 'push' && /^(push\.default|push\.pushoption|remote\.pushdefault|branch\..+)$/.test(setting.key)) {
    runner.opaque('hidden-config', `\`${label} ${setting.key}\` changes what a later \`git push\` pushes`);
  }
}

// `git push [remote]` with no refspec pushes what `remote.<name>.push` and `.mirror` say.
function configuredPushes(runner: ScriptRunner, args: readonly string[], settings: readonly GitSetting[]): void {
  const positionals = args.filter((arg) => !arg.startsWith('-'));
  if (positionals.length > 1) return;
  const remote = positionals[0] ?? 'origin';
  const view = runner.gitConfig;
  if (view.get(`remote.${remote}.mirror`, settings).some((value) => /^(true|yes|on|1)$/i.test(value))) runner.analysis.gitPushes.push({ operation: 'push --mirror', target: '' });
  const refspecs = view.get(`remote.${remote}.push`, settings);
  if (refspecs.length > 0) {
    const force = args.some((arg) => /^(-f|--force.*)$/.test(arg)) || refspecs.some((spec) => spec.startsWith('+'));
    runner.analysis.gitPushes.push({ operation: force ? 'push --force' : 'push', target: refspecs.join(' ') });
  }
  if (view.get(`remote.${remote}.pushurl`, settings).length > 0) runner.opaque('hidden-config', `\`remote.${remote}.pushurl\` sends the push elsewhere`);
}

// What setting a variable does, looked up once per name.
const ENV_EFFECT = new Map<string, 'resolution' | 'load' | 'exec' | undefined>();
function envEffect(name: string): 'resolution' | 'load' | 'exec' | undefined {
  if (ENV_EFFECT.has(name)) return ENV_EFFECT.get(name);
  const effect = RESOLUTION_ENV.has(name) ? 'resolution' : loadsCode(name) ? 'load' : EXEC_ENV.has(name) ? 'exec' : undefined;
  if (ENV_EFFECT.size < 4096) ENV_EFFECT.set(name, effect);
  return effect;
}

function checkEnvironment(runner: ScriptRunner, frame: Frame): void {
  for (const name in frame.env) {
    const effect = envEffect(name);
    if (effect === undefined) continue;
    const value = frame.env[name]!;
    if (effect === 'resolution') {
      noteOnce(runner, 'resolution', `\`${name}\` is set, which changes which program a name runs`);
    } else if (effect === 'load') {
      if (harmlessSetting(name, value)) continue;
      noteOnce(runner, 'hidden-config', `\`${name}\` loads code or configuration the command does not show`);
    } else if (!runner.analysis.invocations.some((item) => item.via.includes(`$${name}`))) {
      runner.script(value, { ...frame, via: [...frame.via, `$${name}`], depth: frame.depth + 1, env: {} });
    }
  }
}

function noteOnce(runner: ScriptRunner, kind: OpaqueKind, detail: string): void {
  if (!runner.analysis.opaque.some((item) => item.detail === detail)) runner.opaque(kind, detail);
}

function emit(runner: ScriptRunner, words: readonly Word[], frame: Frame, as: 'run' | 'wrapper'): void {
  const role = as === 'run' && frame.delegated === true ? 'delegated' : as;
  const typed = words[0]!.value;
  const program = basename(typed);
  const args: string[] = [];
  for (let index = 1; index < words.length; index += 1) args.push(words[index]!.value);
  const forms = canonicalForms(program, args, frame.env);
  runner.analysis.invocations.push({
    argv: [program, ...args],
    program,
    via: frame.via,
    env: frame.env,
    workspaceBinary: isWorkspaceBinary(typed),
    forms,
    canonical: forms.map(renderForm),
    text: args.length === 0 ? typed : `${typed} ${args.join(' ')}`,
    role,
  });
  // File operands keep their places: a word made by expansion stands as the pattern it can name
  // (`**` when nothing of it is known), judged like a pathname pattern. Most commands have none.
  let operands: string[] = args;
  let patterns: Set<string> | undefined;
  if (words.some((word, index) => index > 0 && word.dynamic)) {
    operands = [];
    patterns = new Set<string>();
    for (let index = 1; index < words.length; index += 1) {
      const word = words[index]!;
      const operand = operandOf(word);
      operands.push(operand);
      if (word.dynamic) patterns.add(operand);
    }
  }
  // A wrapper's own options count (`env-cmd -f .env cmd` reads `.env`); its command is judged apart.
  if (role === 'wrapper') return judgeOptions(runner, program, operands, patterns, frame);
  for (const file of fileAccessesOf(program, operands)) runner.analysis.files.push(inDirectory(frame, asPattern(file, words)));
  judgeOptions(runner, program, operands, patterns, frame);
  // Read as its own install, each package is judged apart from the locked install around it
  // (`npm install zod` alone already is that install).
  for (const install of namedInstalls(program, words)) {
    if (install.words.join(' ') === `${program} ${args.join(' ')}`) continue;
    emit(runner, install.words.map((value) => ({ value, dynamic: false })), { ...frame, via: [...frame.via, install.via] }, 'run');
  }
  if (dumpsEnvironment(program, args)) emit(runner, [{ value: 'env', dynamic: false }], { ...frame, via: [...frame.via, `${program} run env`] }, 'run');
  if (forms.some(isPush)) {
    const push = forms.filter(isPush);
    const operation = push.some((form) => form.flags.has('--mirror')) ? 'push --mirror' : push.some((form) => form.flags.has('--force')) ? 'push --force' : 'push';
    const target = push
      .filter((form) => form.positionals[1] !== undefined)
      .map((form) => `${form.flags.has('--delete') ? ':' : form.flags.has('--force') ? '+' : ''}${form.positionals[1]}`)
      .join(' ');
    runner.analysis.gitPushes.push({ operation, target });
  }
}

function isPush(form: CanonicalForm): boolean {
  return form.program === 'git' && form.path[0] === 'push';
}

// A file named by a pattern operand (a glob, or a word made by expansion) is that pattern; so is
// a name a copy or move puts under one (`cp x "$D/"` writes `**/x`, `cp x dir[s]/` `dir[s]/x`).
function asPattern(file: FileAccessFinding, words: readonly Word[]): FileAccessFinding {
  for (const near of [false, true]) {
    for (let index = 1; index < words.length; index += 1) {
      const word = words[index]!;
      const operand = operandOf(word);
      const pattern = word.dynamic ? operand : word.glob;
      if (pattern === undefined) continue;
      if (!near && file.path === operand) return typedIf(!word.dynamic, { ...file, path: pattern, glob: true });
      const below = near ? nameBelow(file.path, operand) : undefined;
      if (below !== undefined) return typedIf(!word.dynamic, { ...file, path: `${pattern}${pattern.endsWith('/') ? '' : '/'}${escapeGlob(below)}`, glob: true });
    }
  }
  return file;
}

/** The finding, marked as a typed glob when `typed`. */
function typedIf(typed: boolean, file: FileAccessFinding): FileAccessFinding {
  if (typed) file.typed = true;
  return file;
}

// A word as a file operand: a word made by expansion is the pattern it can name (`**` when
// nothing of it is known).
function operandOf(word: Word): string {
  return word.dynamic ? (word.pattern ?? '**') : word.value;
}

// The name `path` puts directly below `directory` (file-access.ts joins them so), if it does.
function nameBelow(path: string, directory: string): string | undefined {
  if (directory === '' || !path.startsWith(directory)) return undefined;
  const rest = directory.endsWith('/') ? path.slice(directory.length) : path[directory.length] === '/' ? path.slice(directory.length + 1) : undefined;
  return rest === undefined || rest === '' || rest.includes('/') ? undefined : rest;
}

// npm's (and yarn classic's) `run env` prints the environment, the job's tokens with it, unless
// the project defines an `env` script: read as `env` too, so rules on printing it hold.
const NPM_RUN = new Set(['run', 'run-script', 'rum', 'urn']);
function dumpsEnvironment(program: string, args: readonly string[]): boolean {
  if (program !== 'npm' && program !== 'yarn') return false;
  const positionals = args.filter((arg) => !arg.startsWith('-'));
  return NPM_RUN.has(positionals[0] ?? '') && positionals[1] === 'env';
}

// The per-program table: code values are analysed as commands, loaders and destroyers are
// opaque (an allow rule never covers them), file values are judged as reads and writes. A value
// made by expansion stands as the pattern it can name (`patterns`): never a harmless value, never
// code to read, and a file of that shape.
function judgeOptions(runner: ScriptRunner, program: string, args: readonly string[], patterns: ReadonlySet<string> | undefined, frame: Frame): void {
  let hazards: OptionHazard[] = optionHazards(program, args);
  if (interpreterFor(program) !== undefined) {
    const module = args.indexOf('-m');
    if (module >= 0 && args[module + 1] !== undefined) hazards = [...hazards, ...optionHazards(args[module + 1]!, args.slice(module + 2))];
  }
  for (const hazard of hazards) {
    const label = `${program} ${hazard.option}`;
    // The whole of a word made by expansion, or its part after `=` (`--to-command=$X`).
    const expanded = hazard.value !== undefined && patterns !== undefined && [...patterns].some((pattern) => pattern.endsWith(hazard.value!));
    const glob = expanded ? { glob: true } : {};
    switch (hazard.effect) {
      case 'code':
        if (hazard.value !== undefined && hazard.value !== '' && !expanded) runScript(runner, { value: codeOf(hazard.value), dynamic: false }, { ...frame, via: [...frame.via, label] }, label);
        else runner.opaque('code-option', `\`${label}\` runs a command the line does not show`);
        break;
      case 'load':
        runner.opaque('code-option', `\`${label}${hazard.value ? ` ${clip(hazard.value)}` : ''}\` loads code or configuration the command does not show`);
        break;
      case 'destroy':
        runner.opaque('code-option', `\`${label}${hazard.value ? ` ${clip(hazard.value)}` : ''}\` deletes files`);
        if (hazard.value !== undefined && usablePath(hazard.value)) runner.analysis.files.push(inDirectory(frame, { access: 'write', path: hazard.value, by: label, ...glob }));
        break;
      case 'read':
      case 'write':
        if (hazard.value !== undefined && usablePath(hazard.value)) runner.analysis.files.push(inDirectory(frame, { access: hazard.effect, path: hazard.value.replace(/^[a-z-]+:(?=[^/])/, (prefix) => (program === 'pytest' ? '' : prefix)), by: label, ...glob }));
        break;
      case 'remote':
        runner.opaque('named-remote', `\`${label} ${clip(hazard.value ?? '')}\` talks to a host the line names, not a configured remote`);
        break;
      // Printing the environment is judged as `env`, so rules on printing it hold (as for `npm run env`).
      case 'environment':
        emit(runner, [{ value: 'env', dynamic: false }], { ...frame, via: [...frame.via, label] }, 'run');
        break;
      case 'computed-file':
        runner.opaque('code-option', `\`${label}\` opens a file whose name is computed when it runs`);
        break;
      case 'fill':
        if (hazard.value !== undefined && usablePath(hazard.value)) runner.analysis.files.push(inDirectory(frame, { access: 'write', path: hazard.value, by: label, tree: true, ...glob }));
        break;
    }
  }
}

// `--checkpoint-action=exec=CMD`: the command after an `exec=` prefix.
function codeOf(value: string): string {
  return value.replace(/^exec=/, '');
}

function joinWords(words: readonly Word[]): Word {
  const fetch = words.find((word) => word.fetch)?.fetch;
  const computed = words.some((word) => word.computed);
  return { value: words.map((word) => word.value).join(' '), dynamic: words.some((word) => word.dynamic), ...(computed ? { computed } : {}), ...(fetch ? { fetch } : {}) };
}

function basename(program: string): string {
  const slash = program.lastIndexOf('/');
  return slash >= 0 ? program.slice(slash + 1) : program;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
