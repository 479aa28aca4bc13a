// Package runners: programs that find or fetch a tool and run it with the rest of their
// arguments (`npx tsc`, `uv run pytest`, `pnpm dlx`, `nix develop -c make`). Unlike a wrapper,
// the runner's own invocation is what an allow rule must match, so a pack that allows
// `npx tsc*` keeps working unchanged; the program it runs is judged too, by the rules that stop
// an action and by the file doors, so `npx terraform apply` is blocked like `terraform apply`
// even under a pack that allows `npx *`. Each grammar reads unknown options both ways (a
// switch, and an option with a value), as the wrappers' do.
import type { Word } from './types.ts';
import { subcommandStarts } from './subcommand-starts.ts';
import type { WrapperSpec } from './wrappers.ts';

/** How one package runner's command line is read. */
export interface PackageRunner {
  /** The words naming the runner (`npx`, `uv run`, `uv tool run`): shown in `via`. */
  name: string;
  /** How many words of the line `name` spans. */
  words: number;
  spec: WrapperSpec;
}

// Runners whose first word is a package to fetch, which a version or a location pins to one
// outside the lockfile (`npx tsc@latest`, `uvx ruff@0.5`, `npx github:user/repo`).
const FETCHERS = new Set(['npx', 'npm exec', 'npm x', 'pnpx', 'pnpm dlx', 'yarn dlx', 'bunx', 'bun x', 'uvx', 'uv tool run', 'pipx run']);

/**
 * The package a runner's line picks itself (`--package=x`, `tsc@latest`), if any: an allow
 * of the runner must not cover a dependency the lockfile does not pin. `words` are the line's
 * words from the runner's last name word on; `started` is the program it runs.
 */
export function pickedPackage(runner: PackageRunner, words: readonly Word[], started: Word | undefined): string | undefined {
  for (let index = 1; index < words.length; index += 1) {
    const text = words[index]!.value;
    if (text === '--' || text === started?.value) break;
    const option = PACKAGE_OPTIONS.get(runner.spec)?.find((name) => text === name || text.startsWith(`${name}=`));
    if (option === undefined) continue;
    return text === option ? `${option} ${words[index + 1]?.value ?? ''}` : text;
  }
  if (started === undefined || !FETCHERS.has(runner.name)) return undefined;
  const name = started.value.slice(1);
  const scoped = started.value.startsWith('@');
  return name.includes('@') || name.includes(':') || (!scoped && name.includes('/') && !/^[./~]/.test(started.value)) ? started.value : undefined;
}

const NPM_EXEC: WrapperSpec = {
  valueOptions: ['-p', '--package', '-w', '--workspace', '--prefix', '--cache', '--registry', '--userconfig', '--loglevel'],
  switches: ['-y', '--yes', '--no', '-q', '--quiet', '-s', '--silent', '--ignore-existing', '--no-install', '--workspaces', '--include-workspace-root', '-ws'],
  scriptOptions: ['-c', '--call'],
};
// `pnpm dlx -c` and `pnpm exec -c` (shell mode) hand the command to a shell as one script.
const PNPM_EXEC: WrapperSpec = {
  valueOptions: ['--package', '--filter', '-F', '--dir', '-C', '--workspace-concurrency', '--reporter', '--resume-from', '--report-summary'],
  switches: ['-r', '--recursive', '--parallel', '--no-bail', '--silent', '-s', '--workspace-root', '-w', '--allow-build', '--shell-mode'],
  scriptOptions: ['-c'],
};
const YARN_DLX: WrapperSpec = { valueOptions: ['-p', '--package'], switches: ['-q', '--quiet'] };
// Yarn 2+ runs `yarn exec`'s arguments as a shell script.
const YARN_EXEC: WrapperSpec = { switches: [], joinsScript: true };
const BUNX: WrapperSpec = { valueOptions: ['-p', '--package'], switches: ['--bun', '--silent', '--verbose', '--no-install'] };
const UV_RUN: WrapperSpec = {
  valueOptions: [
    '--with', '--with-editable', '--with-requirements', '-p', '--python', '--project', '--directory', '--package', '--extra',
    '--group', '--only-group', '--no-group', '--env-file', '--index', '--default-index', '--index-url', '-i', '--extra-index-url',
    '--find-links', '-f', '--index-strategy', '--keyring-provider', '--resolution', '--prerelease', '--cache-dir', '--config-file',
    '--color', '--python-preference', '--link-mode', '--exclude-newer', '-m', '--module', '--from',
  ],
  switches: [
    '--no-sync', '--frozen', '--locked', '--isolated', '--active', '--no-project', '--no-dev', '--dev', '--all-extras', '--all-packages',
    '--no-editable', '--script', '-s', '--gui-script', '-q', '--quiet', '-v', '--verbose', '--offline', '--no-cache', '-n',
    '--native-tls', '--no-progress', '--no-env-file', '--all-groups', '--only-dev', '--exact', '--inexact', '--upgrade', '-U',
    '--reinstall', '--refresh', '--no-build-isolation', '--compile-bytecode', '--no-python-downloads',
  ],
};
const PIPX_RUN: WrapperSpec = { valueOptions: ['--spec', '--python', '--pip-args', '--index-url', '-i'], switches: ['--no-cache', '--path', '--pypackages', '-q', '--quiet', '-v', '--verbose', '--system-site-packages', '-e', '--editable'] };
const ENV_RUN: WrapperSpec = { valueOptions: ['-e', '--env', '-n', '--name', '-p', '--prefix', '--cwd'], switches: ['-v', '--verbose', '-q', '--quiet', '--no-capture-output', '--live-stream', '--debug-wrapper-scripts'] };
// `mise exec node@22 -- npm test`: tools come before `--`, the command after it.
const MISE_EXEC: WrapperSpec = { valueOptions: ['-C', '--cd', '-j', '--jobs', '-E', '--env'], switches: ['--raw', '--fresh-env', '-q', '--quiet', '-v', '--verbose', '-y', '--yes'], scriptOptions: ['-c', '--command'], afterDoubleDash: true };
// `nix develop -c make test`: the rest of the line is the command; `nix-shell --run 'script'`.
const NIX_SHELL: WrapperSpec = { valueOptions: ['-f', '--file', '--expr', '--override-input', '--option', '--profile'], switches: ['--impure', '-i', '--ignore-environment', '--offline', '--refresh', '--no-write-lock-file'], restOptions: ['-c', '--command'], restRequired: true };
const NIX_SHELL_LEGACY: WrapperSpec = { valueOptions: ['-p', '--packages', '-A', '--attr', '-I', '--arg', '--argstr'], switches: ['--pure', '--impure', '-Q', '--quiet'], scriptOptions: ['--run', '--command'] };
const SIMPLE: WrapperSpec = { switches: [] };

// Options that name the package a runner fetches the program from (`npx --package=x tsc`,
// `uv run --with x pytest`): a dependency the line picks, outside the lockfile.
const PACKAGE_OPTIONS: ReadonlyMap<WrapperSpec, readonly string[]> = new Map([
  [NPM_EXEC, ['-p', '--package']],
  [PNPM_EXEC, ['--package']],
  [YARN_DLX, ['-p', '--package']],
  [BUNX, ['-p', '--package']],
  [UV_RUN, ['--with', '--with-editable', '--with-requirements', '--from', '--index', '--default-index', '--index-url', '-i', '--extra-index-url', '--find-links', '-f']],
  [PIPX_RUN, ['--spec']],
]);

// Keyed by program, then by the subcommand words that follow it (none for `npx`): most
// programs are no runner, and a lookup by their name alone settles it.
const RUNNERS: ReadonlyMap<string, ReadonlyArray<{ subcommands: readonly string[]; spec: WrapperSpec }>> = (() => {
  const table = new Map<string, Array<{ subcommands: readonly string[]; spec: WrapperSpec }>>();
  for (const [name, spec] of Object.entries({
    npx: NPM_EXEC,
    'npm exec': NPM_EXEC,
    'npm x': NPM_EXEC,
    pnpx: NPM_EXEC,
    'pnpm dlx': PNPM_EXEC,
    'pnpm exec': PNPM_EXEC,
    'yarn dlx': YARN_DLX,
    'yarn exec': YARN_EXEC,
    bunx: BUNX,
    'bun x': BUNX,
    'uv run': UV_RUN,
    uvx: UV_RUN,
    'uv tool run': UV_RUN,
    'pipx run': PIPX_RUN,
    'poetry run': SIMPLE,
    'pdm run': SIMPLE,
    'pipenv run': SIMPLE,
    'hatch run': SIMPLE,
    'rye run': SIMPLE,
    'conda run': ENV_RUN,
    'mamba run': ENV_RUN,
    'micromamba run': ENV_RUN,
    'pixi run': ENV_RUN,
    'mise exec': MISE_EXEC,
    'mise x': MISE_EXEC,
    'rtx exec': MISE_EXEC,
    'asdf exec': SIMPLE,
    'devbox run': SIMPLE,
    'bundle exec': SIMPLE,
    'direnv exec': { switches: [], operands: 1 },
    'nix develop': NIX_SHELL,
    'nix shell': NIX_SHELL,
    'nix-shell': NIX_SHELL_LEGACY,
  } satisfies Record<string, WrapperSpec>)) {
    const [program, ...subcommands] = name.split(' ');
    table.set(program!, [...(table.get(program!) ?? []), { subcommands, spec }]);
  }
  return table;
})();

/** The package runner `program` is, read with its arguments `args`, if it is one. */
export function packageRunnerFor(program: string, args: readonly Word[]): PackageRunner | undefined {
  const candidates = RUNNERS.get(program);
  if (candidates === undefined) return undefined;
  // A runner named by its program alone (`npx`) reads its own options.
  const whole = candidates.find(({ subcommands }) => subcommands.length === 0);
  if (whole !== undefined) return { name: program, words: 1, spec: whole.spec };
  for (const start of subcommandStarts(args)) {
    for (const { subcommands, spec } of candidates) {
      if (subcommands.every((word, index) => args[start + index]?.value === word)) return { name: [program, ...subcommands].join(' '), words: start + subcommands.length + 1, spec };
    }
  }
  return undefined;
}

/** A word made by expansion where a runner's subcommand goes (`npm $X terraform apply`), if any. */
export function dynamicRunnerSubcommand(program: string, args: readonly Word[]): Word | undefined {
  const candidates = RUNNERS.get(program);
  if (candidates === undefined || candidates.every(({ subcommands }) => subcommands.length === 0)) return undefined;
  for (const start of subcommandStarts(args)) if (args[start]?.dynamic === true) return args[start];
  return undefined;
}
