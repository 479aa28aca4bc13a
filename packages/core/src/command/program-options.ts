// Which arguments, options and environment variables of which programs are code, load code,
// destroy data, or name files they read or write. One table, shared by the argument-is-code
// reading (a `code` value is analysed as a command line) and by the decision (an allow rule
// never covers a program run with a `load` or `destroy` option: those are opaque).
//
// Effects:
//   code    the value is a shell command line the program runs (`rsync -e CMD`)
//   load    the program loads code or configuration from the value (`pytest -p`, `npm --node-options`)
//   destroy the program deletes the value, or what it works on (`pytest --basetemp`, `find -delete`)
//   read    the program reads the file named by the value (`pytest @FILE`, `-var-file`)
//   write   the program writes the file named by the value (`--junitxml`, `plan -out`)
//   fill    the program writes files of its own naming into the directory the value names (`tsc --outDir`)
//   remote  the program talks to the host the value names, not a configured remote (`git push https://…`)
import { startsOutsideWorkspace } from './file-access.ts';
import { readAwkArguments } from './awk.ts';
import { gitSubcommandIndex } from './git-subcommand.ts';

/** What an option does with its value. */
export type OptionEffect = 'code' | 'load' | 'destroy' | 'read' | 'write' | 'fill' | 'remote' | 'environment' | 'computed-file';

/** One hazardous use found in an argument list. */
export interface OptionHazard {
  effect: OptionEffect;
  /** The option as typed (`--node-options`, `-p`, `SHELL=`, `@`). */
  option: string;
  /** The option's value, when it takes one. */
  value?: string;
}

interface OptionRule {
  effect: OptionEffect;
  /** Takes a value (`--x VALUE`, `--x=VALUE`, `-xVALUE` for one-letter options). */
  value: boolean;
  /** Values that make the option harmless (`pytest -p no:cacheprovider` disables a plugin). */
  harmless: RegExp | undefined;
}

interface ProgramEntry {
  /** Options by exact spelling. */
  options: ReadonlyMap<string, OptionRule>;
  /** `@FILE` reads arguments from FILE (pytest, javac, gcc). */
  argFiles: boolean;
  /** `NAME=value` arguments (make's variables) with an effect. */
  assignments: ReadonlyMap<string, OptionEffect> | undefined;
  /** The effect of any other `NAME=value` argument, by its value. */
  assignedValue: ((value: string) => OptionEffect | undefined) | undefined;
  /** Options end at `--`. */
  stopAtDoubleDash: boolean;
}

type Spec = Record<string, OptionEffect | `${OptionEffect}!`>;

// A trailing `!` marks an option without a value.
function entry(spec: Spec, extra: Partial<Omit<ProgramEntry, 'options'>> & { harmless?: Record<string, RegExp> } = {}): ProgramEntry {
  const options = new Map<string, OptionRule>();
  for (const [names, effect] of Object.entries(spec)) {
    const flagOnly = effect.endsWith('!');
    const base = (flagOnly ? effect.slice(0, -1) : effect) as OptionEffect;
    for (const name of names.split(' ')) {
      const harmless = extra.harmless?.[name];
      options.set(name, { effect: base, value: !flagOnly, harmless });
    }
  }
  // One shape for every entry and rule, so the scan's reads of them stay monomorphic.
  return { options, argFiles: extra.argFiles ?? false, assignments: extra.assignments, assignedValue: extra.assignedValue, stopAtDoubleDash: extra.stopAtDoubleDash ?? true };
}

const NPM = entry({
  '--node-options --script-shell --userconfig --globalconfig --shell --prefix --cache --registry --init-module --onload-script --node-gyp': 'load',
  '-c --call': 'code',
});
const PYTEST = entry(
  {
    '-p -c --config-file --rootdir --confcutdir -o --override-ini --pyargs --import-mode --inifile': 'load',
    '--basetemp': 'destroy',
    '--junitxml --junit-xml --log-file --resultlog --result-log --report-log --debug --cov-report --json-report-file --html': 'write',
  },
  { argFiles: true, harmless: { '-p': /^no:/, '--import-mode': /^(prepend|append|importlib)$/ } },
);
const TERRAFORM = entry({
  '-out --out -generate-config-out --generate-config-out -state-out --state-out -backup --backup': 'write',
  '-var-file --var-file -state --state': 'read',
  '-plugin-dir --plugin-dir': 'load',
});
// go test writes its profiles and traces where these name, and `go vet -vettool` runs that program.
const GO_PROFILES = ['coverprofile', 'cpuprofile', 'memprofile', 'blockprofile', 'mutexprofile', 'trace'].flatMap((name) => [`-${name}`, `--${name}`, `-test.${name}`]).join(' ');
const GO = entry({
  '-toolexec --toolexec -exec --exec -vettool --vettool': 'code',
  '-overlay --overlay -modfile --modfile -pgo --pgo': 'load',
  [`-o --o ${GO_PROFILES}`]: 'write',
  '-outputdir --outputdir -test.outputdir': 'fill',
});
const CARGO = entry({ '--config': 'load', '--manifest-path': 'load', '--target-dir --artifact-dir --out-dir': 'fill' });
const NODE = entry({ '-r --require --import --loader --experimental-loader --env-file --experimental-config-file': 'load' });
const TAR = entry({
  '--checkpoint-action --to-command --use-compress-program -I --rsh-command --info-script -F --new-volume-script': 'code',
  '--remove-files': 'destroy!',
});
const RSYNC = entry({ '-e --rsh --rsync-path': 'code', '--delete --delete-before --delete-during --delete-after --delete-excluded --remove-source-files --del': 'destroy!' });
const CURL = entry({ '-o --output': 'write', '-K --config': 'load', '-T --upload-file': 'read' });
const WGET = entry({ '-O --output-document -o --output-file -a --append-output': 'write', '--post-file --body-file -i --input-file': 'read', '--use-askpass': 'code', '-e --execute': 'load' });
const ZIP = entry({ '-TT --unzip-command': 'code' });
const SSH = entry({ '-F': 'load' });
const SCP = entry({ '-S': 'code', '-F': 'load' });
// A value inside the workspace, or a bare name (`verbose`, `react`): the repository's own code
// and its installed packages, which a reviewer sees in the diff and the lockfile. An absolute
// path, `~`, a `..` that leaves the workspace, a URL, inline JSON, or a value made by expansion
// (its pattern holds `*`) is not.
const IN_WORKSPACE = /^(?![/~])(?![A-Za-z][\w+.-]*:)(?!(?:.*\/)?\.\.(?:\/|$))[^{*$`\\]*$/;

/** `load` options whose value is harmless inside the workspace. */
function workspaceLoaders(names: string, spec: Spec = {}, extra: Omit<Parameters<typeof entry>[1], 'harmless'> = {}): ProgramEntry {
  return entry({ ...spec, [names]: 'load' }, { ...extra, harmless: Object.fromEntries(names.split(' ').map((name) => [name, IN_WORKSPACE])) });
}

const VARIABLE = /^[A-Za-z_.][A-Za-z0-9_.]*$/;
// A variable set on make's command line overrides the makefile's, and recipes run its value as
// part of their command lines (`make test PYTHON='curl … | sh'`): a value with shell syntax in it
// is analysed as a command line, one naming a program outside the workspace loads it.
function makeVariable(value: string): OptionEffect | undefined {
  if (/[;|&$`<>()\n]/.test(value)) return 'code';
  return startsOutsideWorkspace(value) ? 'load' : undefined;
}
// `make -C DIR` runs the makefile there.
const MAKE = entry(
  { '--eval -f --file --makefile -I --include-dir': 'load', '-C --directory': 'load' },
  {
    assignments: new Map([['SHELL', 'load'], ['.SHELLFLAGS', 'load'], ['MAKEFLAGS', 'load'], ['MAKEFILES', 'load']]),
    assignedValue: makeVariable,
    harmless: { '-C': IN_WORKSPACE, '--directory': IN_WORKSPACE },
  },
);
// Test runners, linters and formatters load their configuration, setup files, environments,
// reporters, transforms and plugins from these values, and run them.
const VITEST = workspaceLoaders('-c --config -r --root --dir --globalSetup --setupFiles --environment --reporter --workspace', { '--outputFile': 'write' });
const JEST = workspaceLoaders(
  '-c --config --rootDir --roots --projects --globalSetup --globalTeardown --setupFiles --setupFilesAfterEnv --testEnvironment --testRunner --testSequencer --reporters --transform --preset --resolver --snapshotResolver --watchPlugins --testResultsProcessor --filter --moduleDirectories --modulePaths',
  { '--outputFile': 'write', '--coverageDirectory': 'fill' },
);
const ESLINT = workspaceLoaders('-c --config --rulesdir --resolve-plugins-relative-to --plugin --parser -f --format', { '-o --output-file': 'write' });
const PRETTIER = workspaceLoaders('--plugin --config --parser --plugin-search-dir');
// mypy's configuration names its plugins, and it runs the interpreter it is given; unittest
// imports the tests of the directory it discovers in; golangci-lint's configuration loads plugins.
const MYPY = workspaceLoaders('--config-file --python-executable', { '--cache-dir': 'fill' });
const UNITTEST = workspaceLoaders('-s --start-directory -t --top-level-directory');
const GOLANGCI_LINT = workspaceLoaders('-c --config');
// dotnet's output and results directories are filled, loggers, adapters and run settings load
// code; MSBuild properties are read below.
const DOTNET = workspaceLoaders('--test-adapter-path -a --settings -s --logger -l', { '-o --output --results-directory': 'fill' });
const DOCKER = entry({ '--config': 'load' });
const KUBECTL = entry({ '--kubeconfig': 'load' });
const FIND = entry({ '-delete': 'destroy!', '-fprint -fprint0 -fprintf -fls': 'write' }, { stopAtDoubleDash: false });
// `-u` is `--upload-pack` only for clone and ls-remote (push's `-u` is --set-upstream, fetch's
// --update-head-ok): it is read per subcommand below.
const GIT = entry({ '--upload-pack --receive-pack --exec': 'code', '--output': 'write' });
// sort runs its compressor on temporary files (forced by a small `-S`); split hands each part to a shell.
const SORT = entry({ '--compress-program': 'code' });
const SPLIT = entry({ '--filter': 'code' });
// less reads key bindings and environment (LESSOPEN, a preprocessor it runs) from a lesskey
// file; its `+` start-up commands are read below.
const LESS = entry({ '-k --lesskey-file --lesskey-src --lesskey-content': 'load' });
// nodemon runs `--exec CMD` on every change (and a file with node, which is the repository's code).
const NODEMON = entry({ '-x --exec': 'code', '--config': 'load' });
// The file whose variables env-cmd and dotenv-cli hand to the command (`-f .env`) is read.
const ENV_CMD = entry({ '-f --file -r --rc-file': 'read' });
const DOTENV = entry({ '-e': 'read' });

// Package installers that fetch from a source the line names, not the one the project pins.
const PIP = entry({ '-i --index-url --extra-index-url -f --find-links --trusted-host': 'load' });
const UV = entry({ '--index --default-index --index-url --extra-index-url -i -f --find-links': 'load' });
// Maven's settings and another project's POM load configuration; its exec and antrun goals run
// programs the build does not show (read below). Gradle's init scripts are code.
const MAVEN = entry({ '-s --settings -gs --global-settings -f --file': 'load' });
const GRADLE = entry({ '-I --init-script -b --build-file -c --settings-file': 'load' });

// tsc writes what it compiles where these name.
const TSC = entry({ '--outFile --out --tsBuildInfoFile --generateCpuProfile': 'write', '--outDir --declarationDir --generateTrace': 'fill' });

const PROGRAMS: ReadonlyMap<string, ProgramEntry> = new Map([
  ['pip', PIP], ['pip3', PIP], ['tsc', TSC],
  ['mvn', MAVEN], ['mvnw', MAVEN], ['gradle', GRADLE], ['gradlew', GRADLE],
  ...['npm', 'npx', 'pnpm', 'yarn', 'corepack'].map((name) => [name, NPM] as const),
  ['pytest', PYTEST], ['py.test', PYTEST],
  ...['terraform', 'tofu', 'terragrunt'].map((name) => [name, TERRAFORM] as const),
  ['go', GO], ['cargo', CARGO],
  ['node', NODE], ['nodejs', NODE], ['bun', NODE], ['deno', NODE],
  ['tar', TAR], ['gtar', TAR], ['bsdtar', TAR],
  ['rsync', RSYNC], ['curl', CURL], ['wget', WGET], ['zip', ZIP],
  ['ssh', SSH], ['scp', SCP], ['sftp', SCP],
  ['make', MAKE], ['gmake', MAKE],
  ['vitest', VITEST], ['jest', JEST], ['eslint', ESLINT], ['prettier', PRETTIER],
  ['mypy', MYPY], ['unittest', UNITTEST], ['golangci-lint', GOLANGCI_LINT], ['dotnet', DOTNET],
  ['docker', DOCKER], ['podman', DOCKER], ['nerdctl', DOCKER],
  ['kubectl', KUBECTL], ['helm', KUBECTL],
  ['find', FIND], ['git', GIT],
  ['sort', SORT], ['gsort', SORT], ['split', SPLIT], ['gsplit', SPLIT], ['less', LESS], ['nodemon', NODEMON],
  ['env-cmd', ENV_CMD], ['dotenv', DOTENV],
]);

/** Every hazardous option of `program` in `args` (words after the program). */
export function optionHazards(program: string, args: readonly string[]): OptionHazard[] {
  const found: OptionHazard[] = [];
  const table = PROGRAMS.get(program);
  if (table !== undefined) scanOptions(table, args, found);
  if (program === 'ssh' || program === 'scp' || program === 'sftp') sshOptions(args, found);
  if (program === 'sed' || program === 'gsed') sedHazards(args, found);
  if (program === 'awk' || program === 'gawk' || program === 'mawk' || program === 'nawk') awkHazards(args, found);
  if (program === 'git') gitSubcommandHazards(args, found);
  if (program === 'curl') curlData(args, found);
  if (program === 'less') lessCommands(args, found);
  if (program === 'mvn' || program === 'mvnw') mavenGoals(args, found);
  if (program === 'mvn' || program === 'mvnw' || program === 'gradle' || program === 'gradlew' || program === 'dotnet') buildProperties(program, args, found);
  if (program === 'cargo') cargoTestHarness(args, found);
  if (program === 'gh') ghUploads(args, found);
  if (program === 'concurrently' || program === 'start-server-and-test' || program === 'server-test' || program === 'start-test') packageScriptCommands(program, args, found);
  // `npm ci --@scope:registry=URL`: a registry for one scope, named on the line.
  if (table === NPM) for (const word of args) if (/^--@[^:=]+:registry(=|$)/.test(word)) found.push({ effect: 'load', option: word.split('=')[0]! });
  // `uv run` and `uv tool run` start a program whose options these are not (package-runners.ts).
  if (program === 'uv' && !['run', 'tool'].includes(args.find((word) => !word.startsWith('-')) ?? '')) scanOptions(UV, args, found);
  return found;
}

// gh posts the files it is given to the forge: a body, notes or template file (`gh pr create -F .env`, `-T .env`),
// an API field `@file` or `--input`, a gist's files and a release's assets.
// concurrently runs each of its arguments as a command line (`npm:build` is `npm run build`);
// start-server-and-test runs its first and third (a bare name is an npm script). Values of
// options it does not know are read as commands too: a word is never skipped unread.
const CONCURRENTLY_VALUES = new Set(['-n', '--names', '-c', '--prefix-colors', '-p', '--prefix', '-l', '--prefix-length', '-t', '--timestamp-format', '-s', '--success', '-m', '--max-processes', '--default-input-target', '--restart-tries', '--restart-after', '--name-separator', '--hide', '--teardown', '--pad-prefix']);
const CONCURRENTLY_SWITCHES = new Set(['-k', '--kill-others', '--kill-others-on-fail', '-r', '--raw', '--no-color', '-i', '--handle-input', '-g', '--group', '--timings', '-P', '--passthrough-arguments']);
const NPM_SCRIPT = /^(npm|yarn|pnpm|bun):(.+)$/;

function packageScriptCommands(program: string, args: readonly string[], found: OptionHazard[]): void {
  const commands: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (word === '--') continue;
    if (word.startsWith('-') && word !== '-') {
      if (word.includes('=') || CONCURRENTLY_SWITCHES.has(word)) continue;
      if (CONCURRENTLY_VALUES.has(word)) index += 1;
      continue;
    }
    commands.push(word);
  }
  const picked = program === 'concurrently' ? commands : commands.filter((_, index) => index % 2 === 0);
  for (const command of picked) {
    const script = NPM_SCRIPT.exec(command);
    const value = script !== null ? `${script[1]} run ${script[2]}` : program !== 'concurrently' && /^[\w:.-]+$/.test(command) ? `npm run ${command}` : command;
    found.push({ effect: 'code', option: program, value });
  }
}

function ghUploads(args: readonly string[], found: OptionHazard[]): void {
  const positionals = args.filter((word) => !word.startsWith('-'));
  const api = positionals[0] === 'api';
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = eq > 0 ? word.slice(0, eq) : word;
    // `-R owner/repo` acts on a repository the line names, not the one checked out (a pull
    // request opened elsewhere with this job's token).
    const glued = !word.startsWith('--') && word.startsWith('-R') && word.length > 2;
    if (name === '-R' || name === '--repo' || glued) {
      const value = eq > 0 ? word.slice(eq + 1) : glued ? word.slice(2) : (args[++index] ?? '');
      found.push({ effect: 'remote', option: name === '--repo' ? '--repo' : '-R', value });
      continue;
    }
    if (!['--body-file', '--notes-file', '--input', '-F', '--field', '-T', '--template'].includes(name)) continue;
    const value = eq > 0 ? word.slice(eq + 1) : args[++index] ?? '';
    const file = api && (name === '-F' || name === '--field') ? /=@(.+)$/.exec(value)?.[1] : value;
    if (file !== undefined && file !== '' && file !== '-') found.push({ effect: 'read', option: name, value: file });
  }
  const [group, action] = positionals;
  const files = group === 'gist' && action === 'create' ? positionals.slice(2) : group === 'release' && (action === 'create' || action === 'upload') ? positionals.slice(3) : [];
  for (const file of files) found.push({ effect: 'read', option: `${group} ${action}`, value: file.replace(/#.*$/, '') });
}

// A JVM agent named in a build's properties (`-DargLine=-javaagent:/tmp/x.jar`,
// `-Dorg.gradle.jvmargs=…`) is code the build loads. MSBuild's `PreBuildEvent` and
// `PostBuildEvent` are command lines it runs, and any other property set on the line overrides
// the project's, which its targets may run: read like make's variables.
function buildProperties(program: string, args: readonly string[], found: OptionHazard[]): void {
  for (const word of args) {
    if (/-(javaagent|agentpath|agentlib):|-Xbootclasspath/.test(word)) found.push({ effect: 'load', option: word.split('=')[0]!, value: word });
    if (program !== 'dotnet') continue;
    const property = /^[-/](p|property):(.*)$/i.exec(word);
    if (property === null) continue;
    for (const pair of property[2]!.split(';')) {
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const effect = eq <= 0 ? undefined : /^(PreBuildEvent|PostBuildEvent|RunCommand)$/i.test(name) ? 'code' : makeVariable(value);
      if (effect !== undefined) found.push({ effect, option: `-p:${name}`, value });
    }
  }
}

// `cargo test -- --logfile FILE`: the test harness writes its log there.
function cargoTestHarness(args: readonly string[], found: OptionHazard[]): void {
  const harness = args.indexOf('--');
  if (harness < 0) return;
  for (let index = harness + 1; index < args.length; index += 1) {
    const word = args[index]!;
    if (word === '--logfile' && args[index + 1] !== undefined) found.push({ effect: 'write', option: 'test --logfile', value: args[++index]! });
    else if (word.startsWith('--logfile=')) found.push({ effect: 'write', option: 'test --logfile', value: word.slice(10) });
  }
}

// `mvn test exec:exec -Dexec.executable=terraform -Dexec.args=apply` runs that command line;
// `exec:java` and `antrun:run` run code the build names.
function mavenGoals(args: readonly string[], found: OptionHazard[]): void {
  const property = (name: string): string | undefined => args.findLast((word) => word.startsWith(`-D${name}=`))?.slice(name.length + 3);
  for (const goal of args) {
    if (/(^|:)exec:exec$|exec-maven-plugin(:[^:]+)?:exec$/.test(goal)) {
      const executable = property('exec.executable');
      found.push(executable === undefined ? { effect: 'load', option: goal } : { effect: 'code', option: goal, value: [executable, property('exec.args')].filter(Boolean).join(' ') });
    } else if (/(^|:)(exec:java|antrun:run)$/.test(goal)) found.push({ effect: 'load', option: goal });
  }
}

function scanOptions(table: ProgramEntry, args: readonly string[], found: OptionHazard[]): void {
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (word === '--' && table.stopAtDoubleDash) return;
    if (table.argFiles && word.length > 1 && word.startsWith('@')) {
      found.push({ effect: 'load', option: '@', value: word.slice(1) }, { effect: 'read', option: '@', value: word.slice(1) });
      continue;
    }
    if (table.assignments !== undefined) {
      const eq = word.indexOf('=');
      const name = eq > 0 ? word.slice(0, eq).replace(/[+:?]$/, '') : '';
      const value = word.slice(eq + 1);
      const effect = eq > 0 ? table.assignments.get(name) ?? (VARIABLE.test(name) ? table.assignedValue?.(value) : undefined) : undefined;
      if (effect !== undefined) {
        found.push({ effect, option: `${word.slice(0, eq)}=`, value });
        continue;
      }
    }
    if (word.length < 2 || word[0] !== '-') continue;
    const eq = word.indexOf('=');
    const name = eq > 0 ? word.slice(0, eq) : word;
    let rule = table.options.get(name);
    let value: string | undefined;
    if (rule !== undefined) {
      if (rule.value) value = eq > 0 ? word.slice(eq + 1) : args[++index];
    } else if (word[1] !== '-' && word.length > 2) {
      // `-pxdist`, `-Ofile`: a one-letter option with its value attached.
      rule = table.options.get(word.slice(0, 2));
      if (rule === undefined || !rule.value) continue;
      value = word.slice(2);
    } else {
      continue;
    }
    if (value !== undefined && rule.harmless?.test(value)) continue;
    found.push(value === undefined ? { effect: rule.effect, option: name } : { effect: rule.effect, option: name, value });
  }
}

// ssh -o ProxyCommand=CMD, -oLocalCommand CMD, -o 'KnownHostsCommand CMD'.
const SSH_CODE_KEYS = /^(proxycommand|localcommand|knownhostscommand|remotecommand)$/i;
const SSH_LOAD_KEYS = /^(include|pkcs11provider|securitykeyprovider|proxyusefdpass|identityagent|controlpath)$/i;
function sshOptions(args: readonly string[], found: OptionHazard[]): void {
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (word === '--') return;
    let setting: string | undefined;
    if (word === '-o') setting = args[++index];
    else if (word.startsWith('-o')) setting = word.slice(2);
    if (setting === undefined) continue;
    const match = /^\s*([A-Za-z]+)\s*(?:=\s*|\s+)(.*)$/s.exec(setting);
    if (match === null) continue;
    if (SSH_CODE_KEYS.test(match[1]!)) found.push({ effect: 'code', option: `-o ${match[1]}`, value: match[2]! });
    else if (SSH_LOAD_KEYS.test(match[1]!)) found.push({ effect: 'load', option: `-o ${match[1]}`, value: match[2]! });
  }
}

// less +CMD runs less commands at start-up; `!cmd` and `|Xcmd` (pipe to cmd from mark X) run a shell.
function lessCommands(args: readonly string[], found: OptionHazard[]): void {
  for (const word of args) {
    if (word === '--') return;
    if (!word.startsWith('+')) continue;
    const bang = word.indexOf('!');
    const pipe = word.indexOf('|');
    if (bang >= 0 && (pipe < 0 || bang < pipe)) found.push({ effect: 'code', option: '+!', value: word.slice(bang + 1) });
    else if (pipe >= 0) found.push({ effect: 'code', option: '+|', value: word.slice(pipe + 2) });
  }
}

// git subcommands that run a command given on their command line.
function gitSubcommandHazards(args: readonly string[], found: OptionHazard[]): void {
  const at = gitSubcommandIndex(args);
  gitPlaces(args, at < 0 ? args.length : at, found);
  const sub = args[at];
  if (sub === undefined) return;
  const rest = args.slice(at + 1);
  if (REMOTE_SUBCOMMANDS.has(sub)) remoteUrls(sub, rest, found);
  if (sub === 'rebase') {
    for (let index = 0; index < rest.length; index += 1) {
      const word = rest[index]!;
      if (word === '-x' || word === '--exec') found.push({ effect: 'code', option: `rebase ${word}`, value: rest[++index] ?? '' });
      else if (word.startsWith('--exec=')) found.push({ effect: 'code', option: 'rebase --exec', value: word.slice(7) });
    }
  } else if (sub === 'grep') {
    // `git grep -O<pager>`: the files found are opened with that command.
    for (const word of rest) {
      if (word === '--') break;
      if (word.startsWith('-O') && word.length > 2) found.push({ effect: 'code', option: 'grep -O', value: word.slice(2) });
      else if (word.startsWith('--open-files-in-pager=')) found.push({ effect: 'code', option: 'grep --open-files-in-pager', value: word.slice(22) });
    }
  } else if (sub === 'clone' || sub === 'ls-remote') {
    for (let index = 0; index < rest.length; index += 1) if (rest[index] === '-u') found.push({ effect: 'code', option: `${sub} -u`, value: rest[index + 1] ?? '' });
  } else if (sub === 'submodule' && rest.includes('foreach')) {
    const script = rest.slice(rest.indexOf('foreach') + 1).filter((word) => !word.startsWith('--'));
    if (script.length > 0) found.push({ effect: 'code', option: 'submodule foreach', value: script.join(' ') });
  } else if (sub === 'bisect' && rest[0] === 'run' && rest.length > 1) {
    found.push({ effect: 'code', option: 'bisect run', value: rest.slice(1).map(quote).join(' ') });
  } else if (sub === 'filter-branch' || sub === 'difftool' || sub === 'mergetool') {
    for (let index = 0; index < rest.length; index += 1) {
      const word = rest[index]!;
      if (/^--(env|tree|index|parent|msg|commit|tag-name)-filter$|^(-x|--extcmd|-t|--tool)$/.test(word)) found.push({ effect: 'code', option: `${sub} ${word}`, value: rest[++index] ?? '' });
      else if (word.startsWith('--extcmd=')) found.push({ effect: 'code', option: `${sub} --extcmd`, value: word.slice(9) });
    }
  }
}

// Global options that move git to another repository or working tree, whose own configuration
// (`core.fsmonitor`, hooks, aliases) runs code and whose files are not the workspace's: outside
// the workspace they load it. `--exec-path=DIR` runs git's own programs from DIR.
const GIT_PLACES = new Set(['-C', '--git-dir', '--work-tree']);

function gitPlaces(args: readonly string[], end: number, found: OptionHazard[]): void {
  for (let index = 0; index < end; index += 1) {
    const word = args[index]!;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = eq > 0 ? word.slice(0, eq) : word;
    if (name === '--exec-path' && eq > 0) found.push({ effect: 'load', option: name, value: word.slice(eq + 1) });
    if (!GIT_PLACES.has(name)) continue;
    const value = eq > 0 ? word.slice(eq + 1) : args[++index] ?? '';
    if (!IN_WORKSPACE.test(value)) found.push({ effect: 'load', option: name, value });
  }
}

// Subcommands that talk to a repository named by their first operand (or `--repo`, `--remote`).
const REMOTE_SUBCOMMANDS = new Set(['push', 'fetch', 'pull', 'ls-remote', 'archive']);
const GIT_REMOTE_VALUES = new Set(['-o', '--push-option', '--server-option', '--receive-pack', '--upload-pack', '--exec', '--depth', '--deepen', '--shallow-since', '--shallow-exclude', '--negotiation-tip', '--refmap', '-j', '--jobs', '--filter', '--format', '--prefix', '--output', '-s', '--strategy', '-X', '--strategy-option']);
const REMOTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//;
const REMOTE_SCP_WITH_USER = /^[^\s/:@]+@[^\s/:@{}]+:/;
const REMOTE_SCP = /^[^\s/:@]+:[^\s]/;

// `git push https://host/x.git`, `git fetch git@host:x`, `--repo=URL`: a URL or scp-style
// address where a remote name goes (a local path is no egress).
function remoteUrls(sub: string, rest: readonly string[], found: OptionHazard[]): void {
  let first = true;
  for (let index = 0; index < rest.length; index += 1) {
    const word = rest[index]!;
    if (word === '--') continue;
    const named = /^--(repo|remote)=(.*)$/.exec(word);
    if (named !== null && isRemoteAddress(named[2]!, true)) found.push({ effect: 'remote', option: `${sub} --${named[1]}`, value: named[2]! });
    if ((word === '--repo' || word === '--remote') && isRemoteAddress(rest[index + 1] ?? '', true)) found.push({ effect: 'remote', option: `${sub} ${word}`, value: rest[++index]! });
    if (word.startsWith('-')) {
      if (GIT_REMOTE_VALUES.has(word)) index += 1;
      continue;
    }
    // A refspec (`HEAD:main`) looks like `host:path`: only the repository operand is read so.
    if (isRemoteAddress(word, first)) found.push({ effect: 'remote', option: sub, value: word });
    first = false;
  }
}

function isRemoteAddress(word: string, repositoryOperand: boolean): boolean {
  if (word.startsWith('file://')) return false;
  return REMOTE_URL.test(word) || REMOTE_SCP_WITH_USER.test(word) || (repositoryOperand && REMOTE_SCP.test(word) && !word.startsWith('.'));
}

function quote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

// sed: the `e` command (runs its argument, or the pattern space), the `e` flag of `s`, and the
// `w`/`r` file commands. A script file (`-f`) may hold any of these: it loads code.
function sedHazards(args: readonly string[], found: OptionHazard[]): void {
  const scripts: string[] = [];
  let sawScriptOption = false;
  let firstOperand: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (word === '-e' || word === '--expression') {
      sawScriptOption = true;
      scripts.push(args[++index] ?? '');
    } else if (word.startsWith('--expression=')) {
      sawScriptOption = true;
      scripts.push(word.slice(13));
    } else if (word === '-f' || word === '--file' || word.startsWith('--file=')) {
      sawScriptOption = true;
      found.push({ effect: 'load', option: '-f', value: word === '-f' || word === '--file' ? args[++index] ?? '' : word.slice(7) });
    } else if (/^-[a-zA-Z]*e$/.test(word) && word.length > 2) {
      sawScriptOption = true;
      scripts.push(args[++index] ?? '');
    } else if (!word.startsWith('-') && firstOperand === undefined) {
      firstOperand = word;
    }
  }
  if (!sawScriptOption && firstOperand !== undefined) scripts.push(firstOperand);
  for (const script of scripts) sedScript(script, found);
}

const SED_ADDRESS = /^\s*(?:(?:\d+(?:~\d+)?|\$|\/(?:\\.|[^/\\])*\/I?M?|\\(.)(?:\\.|(?!\1).)*\1I?M?)(?:\s*,\s*(?:\d+|\$|\/(?:\\.|[^/\\])*\/I?M?|[+~]\d+))?)?\s*!?\s*/s;

function sedScript(script: string, found: OptionHazard[]): void {
  let rest = script;
  for (let guard = 0; guard < 200 && rest.length > 0; guard += 1) {
    rest = rest.replace(/^[\s;{}]+/, '');
    if (rest === '') return;
    const address = SED_ADDRESS.exec(rest);
    if (address !== null) rest = rest.slice(address[0].length);
    const command = rest[0];
    if (command === undefined) return;
    rest = rest.slice(1);
    if (command === 'e' || command === 'w' || command === 'W' || command === 'r' || command === 'R') {
      const line = /^[^\n]*/.exec(rest)![0];
      rest = rest.slice(line.length);
      const value = line.trim();
      if (command === 'e') found.push(value === '' ? { effect: 'load', option: 'sed e' } : { effect: 'code', option: 'sed e', value });
      else found.push({ effect: command === 'w' || command === 'W' ? 'write' : 'read', option: `sed ${command}`, value });
    } else if (command === 's' || command === 'y') {
      const delimiter = rest[0];
      if (delimiter === undefined) return;
      const body = rest;
      let at = 1;
      for (let part = 0; part < 2; part += 1) {
        while (at < rest.length && rest[at] !== delimiter) at += rest[at] === '\\' ? 2 : 1;
        at += 1;
      }
      rest = rest.slice(at);
      if (command === 's') {
        const flags = /^[^;\n}]*/.exec(rest)![0];
        const write = /w\s*(.*)$/.exec(flags);
        if (/^[0-9gpiImMe]*e/.test(flags)) {
          // `e` runs the pattern space after the substitution: at least the replacement text.
          const parts = splitSubstitution(body, delimiter);
          found.push({ effect: 'load', option: 'sed s///e' });
          if (parts !== undefined && parts !== '') found.push({ effect: 'code', option: 'sed s///e', value: parts });
        }
        if (write) found.push({ effect: 'write', option: 'sed s///w', value: write[1]!.trim() });
        rest = rest.slice(flags.length);
      }
    } else if ('aic'.includes(command)) {
      rest = rest.slice(/^[^\n]*/.exec(rest)![0].length);
    } else if ('btT:'.includes(command)) {
      rest = rest.slice(/^[^;\n]*/.exec(rest)![0].length);
    } else if ('qQlL'.includes(command)) {
      rest = rest.slice(/^\s*\d*/.exec(rest)![0].length);
    }
  }
}

// The replacement of `s<d>regex<d>replacement<d>`, unescaped.
function splitSubstitution(body: string, delimiter: string): string | undefined {
  let at = 1;
  while (at < body.length && body[at] !== delimiter) at += body[at] === '\\' ? 2 : 1;
  const start = at + 1;
  at = start;
  while (at < body.length && body[at] !== delimiter) at += body[at] === '\\' ? 2 : 1;
  return at > body.length ? undefined : body.slice(start, at).replace(/\\(.)/g, '$1');
}

// curl's data and form options read a file given as `@FILE` (`-d @.env`, `-F x=@.env`, `-F x=<.env`).
const CURL_DATA = new Set(['-d', '--data', '--data-binary', '--data-urlencode', '--json', '-F', '--form', '--form-string']);
function curlData(args: readonly string[], found: OptionHazard[]): void {
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    const eq = word.startsWith('--') ? word.indexOf('=') : -1;
    const name = eq > 0 ? word.slice(0, eq) : CURL_DATA.has(word) ? word : word.length > 2 && (word.startsWith('-d') || word.startsWith('-F')) ? word.slice(0, 2) : undefined;
    if (name === undefined || !CURL_DATA.has(name) || name === '--form-string') continue;
    const value = eq > 0 ? word.slice(eq + 1) : name === word ? args[++index] ?? '' : word.slice(2);
    const file = /(?:^|=)[@<]([^;]+)/.exec(value)?.[1];
    if (file !== undefined && file !== '-') found.push({ effect: 'read', option: name, value: file });
  }
}

// awk: `system(…)`, pipes to or from a command, `print > "file"`, `getline < "file"`. Strings in
// the program that could be commands are handed back as code; a program file (`-f`) loads code.
// A program that reads `ENVIRON` (or gawk's `PROCINFO`, or `SYMTAB`, which reaches any variable by
// a computed name) prints the environment, the job's credentials with it; a file opened by a
// computed name (`print > $2`, `getline < f`) is one the rules cannot name; gawk's `/inet/…`
// special files are network connections.
function awkHazards(args: readonly string[], found: OptionHazard[]): void {
  const { program, loads, writes } = readAwkArguments(args);
  for (const { option, value } of loads) found.push({ effect: 'load', option, value });
  for (const { option, value } of writes) found.push({ effect: 'write', option, value });
  if (!program) return;
  // Strings become `"N"` (N indexes `strings`) and regular expressions `//`, so that operators
  // are read outside them.
  const strings: string[] = [];
  const bare = program
    .replace(/"((?:\\.|[^"\\])*)"/g, (_, text: string) => `"${strings.push(text.replace(/\\(["\\])/g, '$1')) - 1}"`)
    .replace(/(^|[^\w)\]$])\/(?:\\.|[^/\\\n])+\//g, '$1//');
  // gawk calls a function by a computed name (`f = "sys" "tem"; @f(x)`), built-ins included.
  const runs = /\bsystem\s*\(|\|\s*&?\s*getline|[^|]\|(?!\|)|\|&|@load|@include|@[A-Za-z_]\w*\s*\(/.test(bare);
  if (runs) {
    found.push({ effect: 'load', option: 'program' });
    for (const literal of strings) found.push({ effect: 'code', option: 'program', value: literal });
  }
  if (/\b(ENVIRON|PROCINFO|SYMTAB)\b/.test(bare)) found.push({ effect: 'environment', option: 'ENVIRON' });
  const opened = (effect: 'read' | 'write', option: string, target: string | undefined) => {
    const literal = target === undefined ? undefined : strings[Number(target)];
    if (literal === undefined) found.push({ effect: 'computed-file', option });
    else if (/^\/inet[46]?\//.test(literal)) found.push({ effect: 'remote', option, value: literal });
    else found.push({ effect, option, value: literal });
  };
  for (const write of bare.matchAll(/\b(?:print|printf)\b[^;{}\n]*?(?<![<>=!])>>?(?!=)\s*(?:"(\d+)")?/g)) opened('write', '>', write[1]);
  for (const read of bare.matchAll(/\bgetline\b\s*(?:[A-Za-z_]\w*(?:\[[^\]]*\])?\s*)?<\s*(?:"(\d+)")?/g)) opened('read', 'getline <', read[1]);
}

/** Variables whose value some program runs as a command line. */
export const EXEC_ENV: ReadonlySet<string> = new Set([
  'GIT_SSH_COMMAND', 'GIT_SSH', 'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'EDITOR', 'VISUAL', 'PAGER', 'GIT_PAGER', 'GIT_EXTERNAL_DIFF', 'GIT_ASKPASS',
  'SSH_ASKPASS', 'PROMPT_COMMAND', 'LESSOPEN', 'LESSCLOSE', 'MANPAGER', 'SYSTEMD_PAGER', 'GIT_PROXY_COMMAND', 'RSYNC_RSH', 'BROWSER', 'SUDO_ASKPASS',
]);

// Variables that load code or configuration the command does not show, exactly or by prefix.
const LOAD_ENV = new Set([
  'LD_PRELOAD', 'LD_AUDIT', 'LD_LIBRARY_PATH', 'DYLD_INSERT_LIBRARIES', 'DYLD_LIBRARY_PATH', 'DYLD_FRAMEWORK_PATH',
  'PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'PYTHONUSERBASE', 'PYTHONEXECUTABLE', 'PYTHONSAFEPATH',
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_REPL_EXTERNAL_MODULE', 'PERL5OPT', 'PERL5LIB', 'PERLLIB', 'RUBYOPT', 'RUBYLIB',
  'BASH_ENV', 'ENV', 'SHELLOPTS', 'BASHOPTS', 'PS4', 'BASH_LOADABLES_PATH', 'FPATH',
  'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG', 'GIT_EXEC_PATH', 'GIT_TEMPLATE_DIR', 'GIT_DIR',
  'PYTEST_ADDOPTS', 'PYTEST_PLUGINS', 'TF_CLI_CONFIG_FILE', 'TERRAFORM_CONFIG', 'TF_PLUGIN_CACHE_DIR', 'TF_CLI_ARGS',
  'GOFLAGS', 'GOENV', 'RUSTC_WRAPPER', 'RUSTC', 'RUSTC_WORKSPACE_WRAPPER', 'RUSTFLAGS', 'CARGO_BUILD_RUSTC_WRAPPER', 'MAKEFLAGS', 'MAKEFILES',
  'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'KUBECONFIG', 'AWS_CONFIG_FILE', 'DOCKER_CONFIG', 'CURL_HOME', 'WGETRC', 'NPM_CONFIG_USERCONFIG',
  'CC', 'CXX', 'LDSHARED', 'CFLAGS', 'LDFLAGS',
  // Where packages and toolchains come from: a source the line names, not the one the project pins.
  'GOPROXY', 'GOSUMDB', 'GONOSUMDB', 'GONOSUMCHECK', 'GONOPROXY', 'GOPRIVATE', 'GOINSECURE', 'GOTOOLCHAIN',
  'PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS', 'PIP_TRUSTED_HOST', 'PIP_CONFIG_FILE',
  'UV_INDEX', 'UV_INDEX_URL', 'UV_EXTRA_INDEX_URL', 'UV_DEFAULT_INDEX', 'UV_FIND_LINKS', 'UV_CONFIG_FILE',
  'YARN_NPM_REGISTRY_SERVER', 'YARN_RC_FILENAME', 'CARGO_HOME', 'MAVEN_OPTS', 'MAVEN_ARGS', 'GRADLE_OPTS', 'GRADLE_USER_HOME',
  // Which host and repository gh acts on, and where it reads its configuration.
  'GH_HOST', 'GH_REPO', 'GH_CONFIG_DIR',
  // Where user configuration is read from (a `.gitconfig` with `core.pager`, an `.npmrc` with `script-shell`).
  'HOME', 'XDG_CONFIG_HOME',
  // Which repository, index and objects git works on.
  'GIT_WORK_TREE', 'GIT_COMMON_DIR', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  // Code a runtime loads: Java's class path, .NET's startup hooks, Python's breakpoint hook.
  'CLASSPATH', 'DOTNET_STARTUP_HOOKS', 'PYTHONBREAKPOINT',
  // Which servers are trusted: a package or a clone fetched without TLS verification, or under another CA.
  'NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_EXTRA_CA_CERTS', 'GIT_SSL_NO_VERIFY', 'GIT_SSL_CAINFO', 'GIT_SSL_CAPATH', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'PIP_CERT',
]);
const LOAD_ENV_PREFIXES = [
  'GIT_CONFIG_KEY_', 'GIT_CONFIG_VALUE_', 'NPM_CONFIG_', 'TF_CLI_ARGS_', 'CARGO_TARGET_', 'PYTHONINSPECT',
  'CARGO_REGISTRIES_', 'CARGO_REGISTRY_', 'CARGO_SOURCE_', 'POETRY_REPOSITORIES_', 'POETRY_SOURCE_', 'BUNDLE_MIRROR__', 'YARN_NPM_SCOPES_',
];

/** Whether setting this variable loads code or configuration the command does not show. */
export function loadsCode(name: string): boolean {
  if (LOAD_ENV.has(name)) return true;
  const upper = name.toUpperCase();
  for (const prefix of LOAD_ENV_PREFIXES) if (upper.startsWith(prefix)) return true;
  return false;
}

// NODE_OPTIONS values that only tune the runtime (`--max-old-space-size=4096` is everyday CI).
const HARMLESS_NODE_OPTION = /^--(max-old-space-size|max-semi-space-size|stack-size|stack-trace-limit|enable-source-maps|no-warnings|no-deprecation|trace-warnings|trace-deprecation|trace-uncaught|experimental-vm-modules|unhandled-rejections|dns-result-order|openssl-legacy-provider|expose-gc|max-http-header-size|no-experimental-fetch|use-openssl-ca|disable-warning)(=[\w.,:-]*)?$/;

/** Whether this value of a code-loading variable only tunes the program (never loads code). */
export function harmlessSetting(name: string, value: string): boolean {
  if (name !== 'NODE_OPTIONS') return false;
  const words = value.trim().split(/\s+/).filter(Boolean);
  return words.every((word) => HARMLESS_NODE_OPTION.test(word));
}

/** Variables that change how a program name resolves. */
export const RESOLUTION_ENV: ReadonlySet<string> = new Set(['PATH', 'BASH_LOADABLES_PATH', 'EXECIGNORE', 'CDPATH', 'GLOBIGNORE', 'BASH_ALIASES', 'BASH_CMDS']);
