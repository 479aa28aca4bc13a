// Programs that run another program given in their arguments, each with its own argument
// grammar. Unknown options are read both ways (switch, and option with a value), so a
// wrapper we do not fully know cannot hide the command it runs.
import { subcommandStarts } from './subcommand-starts.ts';
import type { Word } from './types.ts';

/** How a wrapper's own arguments end and the wrapped command begins. */
export interface WrapperSpec {
  /** Options that take a value (`-u user` or `-uuser` or `--user=x`). */
  valueOptions?: readonly string[];
  /** Options that are known switches. */
  switches?: readonly string[];
  /** Positional words of the wrapper before the command (`timeout DURATION`, `flock FILE`). */
  operands?: number;
  /** Options whose value is a shell script (`flock -c`, `script -c`, `su -c`). */
  scriptOptions?: readonly string[];
  /** `NAME=value` words set the environment (`env`). */
  assignments?: boolean;
  /** Options after which nothing runs (`sudo -l`, `command -v`). */
  noRun?: readonly string[];
  /** Runs its arguments joined as one shell script (`watch`, `su -c`). */
  joinsScript?: boolean;
  /** Options whose value is split into words that lead the command (`env -S`). */
  splitOptions?: readonly string[];
  /** When `--` is present, the command starts right after it (`op run -- cmd`). */
  afterDoubleDash?: boolean;
  /** Options after which the rest of the line is the command (`nix develop -c make test`). */
  restOptions?: readonly string[];
  /** Only a rest option starts a command; other positionals are the wrapper's own (`nix develop .#ci -c make`). */
  restRequired?: boolean;
}

// A Map: looked up by a word of the command line, it finds nothing a plain object would inherit.
const WRAPPERS: ReadonlyMap<string, WrapperSpec> = new Map(Object.entries({
  env: { valueOptions: ['-u', '--unset', '-C', '--chdir', '-P'], switches: ['-i', '-0', '-v', '--ignore-environment', '--null', '--debug'], assignments: true, splitOptions: ['-S', '--split-string'] },
  sudo: {
    valueOptions: ['-u', '--user', '-g', '--group', '-h', '--host', '-p', '--prompt', '-C', '--close-from', '-D', '--chdir', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout'],
    switches: ['-E', '-H', '-n', '-S', '-b', '-i', '-s', '-P', '-A', '-B', '-k', '--preserve-env', '--login', '--shell', '--non-interactive', '--stdin', '--background', '--set-home'],
    noRun: ['-l', '--list', '-v', '--validate', '-K', '--remove-timestamp', '-V', '--version', '-e', '--edit'],
    assignments: true,
  },
  doas: { valueOptions: ['-u', '-C'], switches: ['-n', '-s', '-L'] },
  pkexec: { valueOptions: ['--user'], switches: ['--disable-internal-agent'] },
  run0: { valueOptions: ['-u', '--user', '-g', '--group', '-D', '--chdir'], switches: [] },
  nohup: { switches: [] },
  time: { valueOptions: ['-f', '--format', '-o', '--output'], switches: ['-p', '-a', '-v', '--portability', '--append', '--verbose', '-q'] },
  timeout: { valueOptions: ['-s', '--signal', '-k', '--kill-after'], switches: ['--preserve-status', '--foreground', '-v', '--verbose', '-f', '-p'], operands: 1 },
  nice: { valueOptions: ['-n', '--adjustment'], switches: [] },
  ionice: { valueOptions: ['-c', '--class', '-n', '--classdata', '-p', '-P', '-u'], switches: ['-t', '--ignore'] },
  setsid: { switches: ['-f', '-w', '-c', '--fork', '--wait', '--ctty'] },
  stdbuf: { valueOptions: ['-i', '-o', '-e', '--input', '--output', '--error'], switches: [] },
  chrt: { switches: ['-b', '-f', '-i', '-o', '-r', '-d', '-a', '-R', '-v', '--all-tasks', '--reset-on-fork'], operands: 1 },
  taskset: { switches: ['-a', '-c', '--all-tasks', '--cpu-list'], operands: 1 },
  numactl: { valueOptions: ['-C', '-N', '-m', '-p', '-i', '--cpunodebind', '--membind', '--physcpubind', '--preferred', '--interleave'], switches: ['-l', '--localalloc'] },
  flock: { valueOptions: ['-w', '--timeout', '-E', '--conflict-exit-code'], switches: ['-s', '-x', '-e', '-n', '-u', '-o', '--shared', '--exclusive', '--nonblock', '--unlock', '--close', '--verbose', '-F', '--no-fork'], scriptOptions: ['-c', '--command'], operands: 1 },
  script: { valueOptions: ['-E', '--echo', '-T', '--log-timing', '-I', '-O', '-B', '-m'], switches: ['-a', '-e', '-f', '-q', '--append', '--return', '--flush', '--quiet'], scriptOptions: ['-c', '--command'], operands: 99 },
  su: { valueOptions: ['-s', '--shell', '-g', '--group', '-G', '-w'], switches: ['-l', '-m', '-p', '--login', '-P', '--pty', '-'], scriptOptions: ['-c', '--command', '--session-command'], operands: 99 },
  runuser: { valueOptions: ['-u', '--user', '-s', '--shell', '-g', '--group', '-G', '-w'], switches: ['-l', '-m', '-p', '--login', '-P', '--pty', '-'], scriptOptions: ['-c', '--command', '--session-command'] },
  watch: { valueOptions: ['-n', '--interval', '-q', '--equexit', '-d'], switches: ['-b', '-e', '-g', '-c', '-t', '-p', '-x', '--beep', '--errexit', '--chgexit', '--color', '--no-title', '--precise', '--exec', '--differences'], joinsScript: true },
  xargs: {
    valueOptions: ['-a', '--arg-file', '-d', '--delimiter', '-E', '-e', '--eof', '-I', '--replace', '-L', '--max-lines', '-l', '-n', '--max-args', '-P', '--max-procs', '-s', '--max-chars', '--process-slot-var'],
    switches: ['-0', '--null', '-r', '--no-run-if-empty', '-t', '--verbose', '-p', '--interactive', '-x', '--exit', '-i', '-o', '--open-tty'],
  },
  command: { switches: ['-p'], noRun: ['-v', '-V'] },
  builtin: { switches: [] },
  exec: { valueOptions: ['-a'], switches: ['-c', '-l'] },
  noglob: { switches: [] },
  nocorrect: { switches: [] },
  'systemd-run': { valueOptions: ['-p', '--property', '-u', '--unit', '-E', '--setenv', '--uid', '--gid', '--on-calendar', '--on-active', '--on-boot', '--description', '--slice', '-M', '--machine', '-H', '--host'], switches: ['--user', '--system', '--scope', '-t', '--pty', '-P', '--pipe', '-q', '--quiet', '-G', '--collect', '-S', '--shell', '--wait', '-d', '--same-dir', '--no-block', '--remain-after-exit', '-r'] },
  chroot: { valueOptions: ['--userspec', '--groups'], switches: ['--skip-chdir'], operands: 1 },
  unshare: { valueOptions: ['--map-user', '--map-group', '--setuid', '--setgid', '-S', '-G', '--wd', '--root'], switches: ['-m', '-u', '-i', '-n', '-p', '-U', '-C', '-T', '-f', '-r', '--fork', '--mount', '--net', '--pid', '--user', '--map-root-user', '--kill-child'] },
  strace: { valueOptions: ['-e', '-o', '-p', '-s', '-u', '-E', '-I', '-b', '-a', '-P', '-S', '-X'], switches: ['-f', '-ff', '-c', '-C', '-d', '-q', '-qq', '-r', '-t', '-tt', '-ttt', '-T', '-v', '-V', '-x', '-xx', '-y', '-yy', '-k', '-w', '-D', '-z', '-Z', '-n'] },
  ltrace: { valueOptions: ['-e', '-o', '-p', '-s', '-u', '-a', '-n', '-l', '-F', '-x', '-A', '-D'], switches: ['-f', '-c', '-C', '-i', '-r', '-S', '-t', '-tt', '-ttt', '-T', '-w', '-b'] },
  caffeinate: { valueOptions: ['-t', '-w'], switches: ['-d', '-i', '-m', '-s', '-u'] },
  // Debuggers and session helpers that start the command they are given. (Proxies such as
  // torsocks and proxychains are not: they send the command's traffic elsewhere, for a reviewer.)
  valgrind: { switches: ['-q', '-v', '--quiet', '--verbose'] },
  catchsegv: { switches: [] },
  'xvfb-run': { valueOptions: ['-n', '--server-num', '-s', '--server-args', '-e', '--error-file', '-f', '--auth-file', '-w', '--wait', '-p', '--xauth-protocol'], switches: ['-a', '--auto-servernum', '-l', '--listen-tcp'] },
  'dbus-run-session': { valueOptions: ['--config-file', '--dbus-daemon'], switches: [] },
  'ssh-agent': { valueOptions: ['-a', '-E', '-t', '-P'], switches: ['-c', '-s', '-d', '-D'] },
  faketime: { valueOptions: ['--exclude-monotonic'], switches: ['-m', '-f'], operands: 1 },
  chronic: { switches: ['-e', '-v'] },
  unbuffer: { switches: ['-p'] },
  firejail: { switches: ['--quiet', '--noprofile', '--private', '--net=none'] },
  busybox: { switches: [] },
  'k3s': { switches: [] },
  'microk8s': { switches: [] },
  dotenv: { valueOptions: ['-e', '-v', '-c'], switches: ['-p'] },
  // npm packages that start the command they are given: with variables set (`cross-env`, a
  // shell for `cross-env-shell`), with variables from a file (`env-cmd`), as shelljs commands
  // (`shx rm -rf x`), or on file changes (`onchange src -- cmd`).
  'cross-env': { switches: [], assignments: true },
  'cross-env-shell': { switches: [], assignments: true, joinsScript: true },
  'env-cmd': { valueOptions: ['-f', '--file', '-r', '--rc-file', '-e', '--environments'], switches: ['--fallback', '--no-override', '--silent', '--use-shell', '--expand-envs', '--verbose', '-x'] },
  shx: { switches: ['--silent', '--verbose', '--noglob'] },
  onchange: { valueOptions: ['-e', '--exclude', '-d', '--delay', '-j', '--jobs', '-p', '--poll', '--cwd', '-o', '--outpipe', '-f', '--filter', '--await-write-finish'], switches: ['-i', '--initial', '-k', '--kill', '-v', '--verbose', '--no-exclude'], afterDoubleDash: true, restRequired: true },
  'op': { switches: [] },
}));

/**
 * The wrapper spec for a program basename and its arguments. `op run -- cmd` and `k3s kubectl`
 * are read by subcommand, after any global options (`op --account x run -- cmd`).
 */
export function wrapperFor(program: string, args: readonly Word[]): WrapperSpec | undefined {
  if (program === 'op' || program === 'doppler' || program === 'aws-vault' || program === 'dotenvx') return hasSubcommand(args, RUN_SUBCOMMANDS) ? RUN_SUBCOMMAND : undefined;
  if ((program === 'k3s' || program === 'microk8s') && args[0]?.value !== 'kubectl' && args[0]?.value !== 'helm' && args[0]?.value !== 'ctr') return undefined;
  // `corepack pnpm dlx …` runs the package manager it names; `corepack enable` runs nothing.
  if (program === 'corepack') return COREPACK_MANAGERS.has(args[0]?.value ?? '') ? COREPACK : undefined;
  return WRAPPERS.get(program);
}

const COREPACK_MANAGERS = new Set(['npm', 'npx', 'pnpm', 'pnpx', 'yarn', 'yarnpkg']);
const COREPACK: WrapperSpec = { switches: [] };

const RUN_SUBCOMMANDS = new Set(['run', 'exec']);

function hasSubcommand(args: readonly Word[], names: ReadonlySet<string>): boolean {
  return subcommandStarts(args).some((start) => names.has(args[start]!.value));
}

// `op run [opts] -- cmd`, `doppler run -- cmd`, `aws-vault exec profile -- cmd`: the command follows `--`.
const RUN_SUBCOMMAND: WrapperSpec = { valueOptions: ['--env-file', '-p', '--project', '-c', '--config', '--duration', '--region'], switches: ['--no-masking'], operands: 1, afterDoubleDash: true };
