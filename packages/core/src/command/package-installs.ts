// Package installs: `npm ci` and `pip install -r requirements.txt` install what the lockfile or
// the requirements pin, which a pack may allow by prefix (`npm ci*`, `pip install -r *`). A
// package the same line names (`npm ci evil`, `pip install -r requirements.txt evil`,
// `pip install -e git+https://…`) is a new dependency from a source nobody reviewed: each one
// is read as its own install (`npm install evil`), so an allow of the locked install never
// covers it, and a rule on the package (`npm install event-stream*`) sees it.
import { subcommandStarts } from './subcommand-starts.ts';
import type { Word } from './types.ts';

/** How one installer's command line names packages. */
interface InstallerSpec {
  /** The subcommand words that install (`install`, `ci`, `add`). */
  subcommands: ReadonlySet<string>;
  /** The subcommand a named package is installed with (`npm ci evil` installs as `npm install evil`). */
  verb: string;
  /** Options that take the next word as their value (`-w app`, `--prefix dir`). */
  valueOptions: ReadonlySet<string>;
  /** Options whose value is a place packages come from: a new source when it is remote. */
  sourceOptions?: ReadonlySet<string>;
  /** Short options cluster and take a value glued on (`-qr requirements.txt`, `-rreq.txt`), as optparse reads them. */
  clusters?: boolean;
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(' '));

const NPM: InstallerSpec = {
  subcommands: set('install i in ins inst insta instal isnt isnta isntal isntall add ci clean-install ic install-clean isntall-clean install-test it install-ci-test cit clean-install-test sit'),
  verb: 'install',
  valueOptions: set('-w --workspace --prefix --cache --registry --userconfig --globalconfig --loglevel --omit --include --tag --install-strategy --before --script-shell --location'),
};
const PNPM: InstallerSpec = {
  subcommands: set('install i add'),
  verb: 'add',
  valueOptions: set('-F --filter --filter-prod -C --dir --reporter --store-dir --virtual-store-dir --modules-dir --lockfile-dir --workspace-concurrency --network-concurrency --child-concurrency --resolution-mode --registry'),
};
const YARN: InstallerSpec = {
  subcommands: set('install add'),
  verb: 'add',
  valueOptions: set('--cwd --modules-folder --cache-folder --mutex --network-timeout --network-concurrency --registry --use-yarnrc'),
};
const PIP_VALUES = '-r --requirement --requirements -c --constraint -e --editable -t --target --platform --python-version --implementation --abi --root --prefix --src --upgrade-strategy --progress-bar --root-user-action --report --no-binary --only-binary -C --config-settings --global-option --install-option --log --cache-dir --timeout --retries --proxy --cert --client-cert --exists-action --python --keyring-provider -i --index-url --extra-index-url -f --find-links --trusted-host --group --build-constraint';
const PIP_SOURCES = set('-r --requirement --requirements -c --constraint -e --editable --build-constraint');
const PIP: InstallerSpec = { subcommands: set('install'), verb: 'install', valueOptions: set(PIP_VALUES), sourceOptions: PIP_SOURCES, clusters: true };
const UV_PIP: InstallerSpec = {
  ...PIP,
  valueOptions: set(`${PIP_VALUES} --index --default-index -p --overrides --override --extra --torch-backend --exclude-newer --resolution --prerelease --index-strategy --link-mode --config-file --color --python-platform`),
  sourceOptions: set('-r --requirement --requirements -c --constraint --constraints -e --editable --overrides --override --build-constraint'),
};
// `uv sync` and `poetry install` take no package: a word after them is one to add.
const UV_SYNC: InstallerSpec = {
  subcommands: set('sync'),
  verb: 'add',
  valueOptions: set('--extra --group --only-group --no-group --package -p --python --project --directory --index --default-index --index-url -i --extra-index-url -f --find-links --cache-dir --config-file --color --python-platform --resolution --prerelease --link-mode --exclude-newer --index-strategy'),
};
const POETRY: InstallerSpec = { subcommands: set('install'), verb: 'add', valueOptions: set('-E --extras --with --without --only -C --directory -P --project') };

const PYTHON = /^python(\d+(\.\d+)?)?$/;

// Keyed by program, then by the words before the subcommand (`uv pip install`).
const INSTALLERS: ReadonlyMap<string, ReadonlyArray<{ before: readonly string[]; spec: InstallerSpec }>> = new Map([
  ['npm', [{ before: [], spec: NPM }]],
  ['pnpm', [{ before: [], spec: PNPM }]],
  ['yarn', [{ before: [], spec: YARN }]],
  ['pip', [{ before: [], spec: PIP }]],
  ['pip3', [{ before: [], spec: PIP }]],
  ['uv', [{ before: ['pip'], spec: UV_PIP }, { before: [], spec: UV_SYNC }]],
  ['poetry', [{ before: [], spec: POETRY }]],
]);

// Most programs install nothing: one shared, frozen answer.
const NONE: readonly NamedInstall[] = Object.freeze([]);

/** One package a line installs outside what its lockfile pins, read as its own install. */
export interface NamedInstall {
  /** The install of that package alone, program first (`npm install evil`). */
  words: string[];
  /** The installer and subcommand as typed (`npm ci`): shown in `via`. */
  via: string;
}

/**
 * The packages an install names itself (positionals and remote sources), each as its own
 * install; none for an install of what the project pins. `python -m pip` reads as pip.
 */
export function namedInstalls(program: string, words: readonly Word[]): readonly NamedInstall[] {
  let installers = INSTALLERS.get(program);
  let prefix: string[];
  let args: readonly Word[];
  if (installers !== undefined) {
    prefix = [program];
    args = words.slice(1);
  } else if (program.startsWith('python') && PYTHON.test(program)) {
    const module = words.findIndex((word) => word.value === '-m');
    if (module < 0 || words[module + 1]?.value !== 'pip') return NONE;
    prefix = [program, '-m', 'pip'];
    args = words.slice(module + 2);
    installers = INSTALLERS.get('pip')!;
  } else return NONE;
  const found: NamedInstall[] = [];
  for (const start of subcommandStarts(args)) {
    for (const { before, spec } of installers) {
      const at = start + before.length;
      if (!before.every((word, index) => args[start + index]?.value === word) || !spec.subcommands.has(args[at]?.value ?? '')) continue;
      const head = [...prefix, ...before];
      const via = [...head, args[at]!.value].join(' ');
      for (const name of packagesAfter(args, at + 1, spec)) {
        if (!found.some((each) => each.words[each.words.length - 1] === name)) found.push({ words: [...head, spec.verb, name], via });
      }
    }
  }
  return found;
}

// The packages named after an installer's subcommand.
function packagesAfter(args: readonly Word[], from: number, spec: InstallerSpec): string[] {
  const packages: string[] = [];
  const source = (option: string, value: string | undefined): void => {
    if (value !== undefined && spec.sourceOptions?.has(option) && isRemote(value)) packages.push(value);
  };
  let operands = false;
  for (let index = from; index < args.length; index += 1) {
    const word = args[index]!.value;
    if (operands || word === '-' || !word.startsWith('-')) {
      if (!isLocalPath(word)) packages.push(word);
      continue;
    }
    if (word === '--') {
      operands = true;
      continue;
    }
    if (word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq < 0 ? word : word.slice(0, eq);
      if (eq >= 0) source(name, word.slice(eq + 1));
      else if (spec.valueOptions.has(name)) source(name, args[++index]?.value);
      continue;
    }
    if (!spec.clusters) {
      if (spec.valueOptions.has(word)) source(word, args[++index]?.value);
      continue;
    }
    // `-qr file`: switches, then one option whose value is the rest of the word or the next word.
    for (let at = 1; at < word.length; at += 1) {
      const option = `-${word[at]}`;
      if (!spec.valueOptions.has(option)) continue;
      source(option, at + 1 < word.length ? word.slice(at + 1) : args[++index]?.value);
      break;
    }
  }
  return packages;
}

// A project on disk, named by a path (`.`, `./pkg`, `../lib`, `/opt/wheels/x.whl`). A bare
// word is a package name: `user/repo` is a GitHub shorthand for npm.
function isLocalPath(word: string): boolean {
  return word === '.' || word === '..' || word.startsWith('./') || word.startsWith('../') || word.startsWith('/') || word.startsWith('.[');
}

// A source fetched from elsewhere: a URL (`https://…/requirements.txt`) or a VCS address (`git+ssh://…`).
function isRemote(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value) || /^(git|hg|svn|bzr)\+/.test(value) || /^[\w.-]+@[\w.-]+:/.test(value);
}
