// The files a program reads or writes through its arguments, so that `cat .env` is judged as
// a read of `.env` and `sed -i … x.yml` as a write of `x.yml` (equivalent doors).
import type { FileAccessFinding } from './types.ts';
import { gitSubcommandIndex } from './git-subcommand.ts';
import { readAwkArguments } from './awk.ts';

// A third element `tree` marks a directory whose contents the line does not show, `glob` a
// pattern the program matches itself (git's pathspecs).
type Found = ['read' | 'write', string] | ['read' | 'write', string, 'tree'] | ['read', string, 'glob'];
type Reader = (args: readonly string[]) => Found[];

// The workspace root itself (`.`, `./`, `././`).
const WORKSPACE_ROOT = /^(?:\.\/*)+$/;

/** Whether a path starts outside the workspace: absolute, in the home directory, or above it. */
export function startsOutsideWorkspace(path: string): boolean {
  return /^(?:\/|~|\.\.(?:\/|$))/.test(path);
}

// `clustered`: the short options that take a value, which may end a cluster (`git commit -am MSG`).
const operands = (args: readonly string[], valueOptions: readonly string[] = [], clustered = ''): string[] => {
  const out: string[] = [];
  let ended = false;
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (!ended && word === '--') {
      ended = true;
      continue;
    }
    if (!ended && word.startsWith('-') && word !== '-') {
      if (valueOptions.includes(word) || (clustered !== '' && /^-[A-Za-z]{2,}$/.test(word) && clustered.includes(word[word.length - 1]!))) index += 1;
      continue;
    }
    out.push(word);
  }
  return out;
};

const reads = (valueOptions: readonly string[] = []): Reader => (args) => operands(args, valueOptions).map((path) => ['read', path]);

// `-r`, `-R` or `--recursive`, alone or in a cluster (`-rf`), as rm and grep spell it.
const RECURSIVE = /^(-[A-Za-z]*[rR][A-Za-z]*|--recursive)$/;

// A recursive delete writes each operand and everything below it: a tree, judged like what a
// recursive copy fills (`rm -r .github/workflows` deletes the workflows in it).
const removes = (always: boolean): Reader => (args) => {
  const recursive = always || args.some((arg) => RECURSIVE.test(arg));
  return operands(args).flatMap((path): Found[] => (recursive ? [['write', path], ['write', path, 'tree']] : [['write', path]]));
};
const writes = (valueOptions: readonly string[] = [], skip = 0): Reader => (args) => operands(args, valueOptions).slice(skip).map((path) => ['write', path]);

// grep and sed take their program first unless it is given with -e/-f.
const afterScript = (access: 'read' | 'write', scriptOptions: readonly string[], valueOptions: readonly string[] = []): Reader => (args) => {
  const files = operands(args, [...scriptOptions, ...valueOptions]);
  const hasScriptOption = args.some((arg) => scriptOptions.includes(arg));
  return files.slice(hasScriptOption ? 0 : 1).map((path) => [access, path]);
};

// cp, mv, install, ln and rsync read their sources and write the destination: a file, or a
// directory the sources land in (`cp x.yml .github/workflows` writes `.github/workflows/x.yml`
// when the directory exists; `-t DIR` names it first). What a recursive copy or a move carries
// into a directory is shown as `DIR/*`: a directory may be what lands, and its contents are a
// tree the line does not show (`cp -r tpl .github` may write `.github/workflows/x.yml`). A move
// removes its sources. `cp --parents` lands each source's whole path under the directory.
const TRANSFER_VALUES = ['-S', '--suffix', '-m', '--mode', '-o', '--owner', '-g', '--group', '-e', '--rsh'];
// `links`: whether the program makes links (`ln`), or does when asked (`cp -l`, `cp -s`).
const transfer = (moves: boolean, targetOption = true, links: 'never' | 'asked' | 'always' = 'never'): Reader => (args) => {
  const found: Found[] = [];
  // A link is another name for its source: writing through it writes the source.
  const linking = links === 'always' || (links === 'asked' && args.some((word) => word === '--link' || word === '--symbolic-link' || /^-[A-Za-z]*[ls][A-Za-z]*$/.test(word)));
  const files = operands(args, targetOption ? [...TRANSFER_VALUES, '-t', '--target-directory'] : TRANSFER_VALUES);
  const target = targetOption ? targetDirectoryOf(args) : undefined;
  const sources = target === undefined ? files.slice(0, -1) : files.filter((file) => file !== target);
  const destination = target ?? files[files.length - 1];
  if (destination === undefined) return found;
  const recursive = moves || args.some((word) => word === '--recursive' || word === '--archive' || /^-[A-Za-z]*[rRa][A-Za-z]*$/.test(word));
  // `cp --parents a/b/x DIR` writes DIR/a/b/x.
  const parents = args.includes('--parents');
  for (const source of sources) {
    found.push(['read', source]);
    if (moves || linking) found.push(['write', source]);
    if (linking) found.push(['write', source, 'tree']);
    const landed = joinPath(destination, parents ? source.replace(/^(\.\/+)+/, '') : lastSegment(source));
    found.push(['write', landed]);
    if (recursive) found.push(['write', joinPath(landed, '*')], ['write', landed, 'tree']);
  }
  if (target === undefined) found.push(['write', destination]);
  // A destination that does not exist becomes the copy; the current directory always exists.
  if (recursive) found.push(['write', joinPath(destination, '*')]);
  if (recursive && !WORKSPACE_ROOT.test(destination)) found.push(['write', destination, 'tree']);
  return found;
};
// `uniq INPUT OUTPUT`: the second operand is written.
function inputThenOutput(valueOptions: readonly string[]): Reader {
  return (args) => operands(args, valueOptions).slice(0, 2).map((path, index) => [index === 0 ? 'read' : 'write', path]);
}

const copy = transfer(false, true, 'asked');
const install = transfer(false);
const link = transfer(false, true, 'always');
const move = transfer(true);
// rsync's `-t` keeps times: its destination is always the last operand.
const sync = transfer(false, false);

// `-t DIR`, `-tDIR`, `-rt DIR`, `--target-directory[=]DIR`.
function targetDirectoryOf(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (word === '--') return undefined;
    if (word.startsWith('--target-directory=')) return word.slice('--target-directory='.length);
    if (word === '--target-directory') return args[index + 1];
    if (/^-[A-Za-z]*t/.test(word) && !word.startsWith('--')) {
      const rest = word.slice(word.indexOf('t') + 1);
      return rest !== '' ? rest : args[index + 1];
    }
  }
  return undefined;
}

function lastSegment(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || trimmed;
}

function joinPath(directory: string, name: string): string {
  return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
}

// tar reads or writes the archive that `f` names (the next word, in a cluster that ends with
// it); `-c` (`czf`, `--create`) also reads the files it archives.
const TAR_VALUES = new Set(['-C', '--directory', '-T', '--files-from', '-X', '--exclude-from', '-I', '--use-compress-program', '-b', '--blocking-factor', '-H', '--format']);
const archive: Reader = (args) => {
  const oldStyle = args[0] !== undefined && /^[A-Za-z]+$/.test(args[0]);
  const creates = args.includes('--create') || args.some((word, index) => ((index === 0 && oldStyle) || /^-[A-Za-z]+$/.test(word)) && word.includes('c'));
  const found: Found[] = [];
  let ended = false;
  let next: 'archive' | 'value' | undefined = oldStyle && args[0]!.includes('f') ? 'archive' : undefined;
  for (let index = oldStyle ? 1 : 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (next !== undefined) {
      if (next === 'archive' && word !== '-') found.push([creates ? 'write' : 'read', word]);
      next = undefined;
    } else if (!ended && word === '--') ended = true;
    else if (!ended && (word === '-f' || word === '--file')) next = 'archive';
    else if (!ended && word.startsWith('--file=')) found.push([creates ? 'write' : 'read', word.slice(7)]);
    else if (!ended && TAR_VALUES.has(word)) next = 'value';
    else if (!ended && /^-[A-Za-z]+$/.test(word)) next = word.endsWith('f') ? 'archive' : undefined;
    else if (creates && (ended || !word.startsWith('-'))) found.push(['read', word]);
  }
  // Extracting writes members the line does not name, into `-C DIR` or the working directory.
  const extracts = args.includes('--extract') || args.includes('--get') || args.some((word, index) => ((index === 0 && oldStyle) || /^-[A-Za-z]+$/.test(word)) && word.includes('x'));
  if (extracts) found.push(['write', valuesOf(args, ['-C', '--directory']).at(-1) ?? '.', 'tree']);
  return found;
};

// unzip reads its archive and extracts members it does not name into `-d DIR` or the working directory.
const unzip: Reader = (args) => {
  const [archiveFile] = operands(args, ['-d', '-x', '-P']);
  if (archiveFile === undefined) return [];
  const listsOnly = args.some((word) => /^-[A-Za-z]*[lvtpcZz]/.test(word));
  return listsOnly ? [['read', archiveFile]] : [['read', archiveFile], ['write', valuesOf(args, ['-d']).at(-1) ?? '.', 'tree']];
};

// git prints a file's content with `show REV:PATH` and `cat-file -p REV:PATH`, its lines with
// `grep` and `blame`, and its changes with `diff` (also of two files outside any repository,
// `--no-index`), `show` and `log -p` of the paths named after `--`. A revision read as a path
// names no protected file.
const GIT_GREP_VALUES = ['-A', '-B', '-C', '-m', '--max-count', '--max-depth', '--threads'];
const GIT_BLAME_VALUES = ['-L', '-S', '--contents', '--ignore-rev', '--ignore-revs-file'];
const GIT_COMMIT_VALUES = ['-m', '--message', '-F', '--file', '-C', '--reuse-message', '-c', '--reedit-message', '--author', '--date', '--fixup', '--squash', '-t', '--template', '--cleanup', '--trailer', '--pathspec-from-file'];
const gitFiles: Reader = (args) => {
  const found: Found[] = [];
  const at = gitSubcommandIndex(args);
  const sub = args[at];
  const rest = args.slice(at + 1);
  if (sub === 'show' || sub === 'cat-file') {
    for (const word of rest) {
      const colon = word.indexOf(':');
      if (!word.startsWith('-') && colon >= 0 && colon < word.length - 1) found.push(['read', word.slice(colon + 1)]);
    }
  }
  const read = (paths: readonly string[]) => {
    for (const path of paths) found.push(['read', path]);
  };
  if (sub === 'grep') found.push(...afterScript('read', ['-e', '-f'], GIT_GREP_VALUES)(rest));
  if (sub === 'grep' || sub === 'blame' || sub === 'annotate') read(valuesOf(rest, ['-f', '--contents', '--ignore-revs-file']));
  if (sub === 'blame' || sub === 'annotate') read(operands(rest, GIT_BLAME_VALUES));
  if (sub === 'diff') read(operands(rest));
  // Staging or committing paths carries their content into history, and out with the next
  // push (`git add .env`, `git commit -m x .env`, `git add '*.env'`, `git add :/.env`).
  if (sub === 'add') found.push(...pathspecReads(operands(rest, ['--pathspec-from-file'])));
  if (sub === 'commit') found.push(...pathspecReads(operands(rest, GIT_COMMIT_VALUES, 'mFCct')));
  // A file of pathspecs is read, and git quotes the lines it cannot match.
  read(valuesOf(rest, ['--pathspec-from-file']));
  // A message or note taken from a file carries its content into history (`commit -F .env`).
  if (sub === 'commit' || sub === 'tag' || sub === 'merge' || sub === 'notes') read(valuesOf(rest, ['-F', '--file', '-t', '--template']));
  const pathspecs = rest.indexOf('--');
  if (pathspecs >= 0 && (sub === 'show' || (sub === 'log' && rest.some((word) => /^(-p|-u|--patch|-L.*|--follow)$/.test(word))))) read(rest.slice(pathspecs + 1));
  // Restoring from another revision, checking out, removing and moving paths write them, in the
  // work tree or in the index the next commit takes (`restore --staged --source=HEAD~3 x`);
  // `restore --staged x` alone only unstages.
  const write = (paths: readonly string[]) => {
    for (const path of paths) found.push(['write', path]);
  };
  if (sub === 'restore' && valuesOf(rest, ['-s', '--source']).length > 0) write(operands(rest, ['-s', '--source', '--pathspec-from-file']));
  if (sub === 'checkout' && pathspecs >= 0) write(rest.slice(pathspecs + 1));
  if (sub === 'rm' || sub === 'mv') write(operands(rest));
  return found;
};

// git matches a pathspec as a glob itself, `:/x` and `:(top)x` name x from the top, and an
// excluding one (`:!x`, `:(exclude)x`) reads nothing.
function pathspecReads(specs: readonly string[]): Found[] {
  const found: Found[] = [];
  for (const spec of specs) {
    let path = spec;
    if (spec.startsWith(':')) {
      if (spec.startsWith(':!') || spec.startsWith(':^')) continue;
      const close = spec.startsWith(':(') ? spec.indexOf(')') : -1;
      if (close >= 0 && /exclude/.test(spec.slice(2, close))) continue;
      path = close >= 0 ? spec.slice(close + 1) : spec.slice(spec.startsWith(':/') ? 2 : 1);
    }
    found.push(/[*?[]/.test(path) ? ['read', path, 'glob'] : ['read', path]);
  }
  return found;
}

// Formatters and fixers rewrite what they are given (`prettier --write x`, `eslint --fix dir`,
// `black x`, `gofmt -w x`), a file or every file below a directory: judged as the tree they fill,
// so naming a protected place is a write there. The workspace root as a whole (`prettier
// --write .`) is everyday work: what it rewrites there follows the repository's own
// configuration and plugins, which a reviewer sees in the diff.
const rewrites = (valueOptions: readonly string[], when: (args: readonly string[]) => boolean = () => true): Reader => (args) => {
  if (!when(args)) return [];
  const found: Found[] = [];
  for (const path of operands(args, valueOptions)) if (!WORKSPACE_ROOT.test(path)) found.push(['write', path, 'tree']);
  return found;
};
const PRETTIER_VALUES = ['--config', '--plugin', '--parser', '--ignore-path', '--log-level', '--cache-location', '--cache-strategy', '--end-of-line', '--print-width', '--tab-width', '--trailing-comma', '--arrow-parens', '--prose-wrap', '--quote-props', '--html-whitespace-sensitivity', '--embedded-language-formatting', '--object-wrap', '--stdin-filepath', '--config-precedence', '--cursor-offset', '--range-start', '--range-end'];
const ESLINT_VALUES = ['-c', '--config', '--rulesdir', '--resolve-plugins-relative-to', '--plugin', '--parser', '-f', '--format', '-o', '--output-file', '--ext', '--ignore-path', '--ignore-pattern', '--max-warnings', '--cache-location', '--cache-strategy', '--env', '--global', '--parser-options', '--rule', '--fix-type', '--report-unused-disable-directives-severity', '--flag'];
const BLACK_VALUES = ['-l', '--line-length', '-t', '--target-version', '--include', '--exclude', '--extend-exclude', '--force-exclude', '--stdin-filename', '--config', '-W', '--workers', '--python-cell-magics', '--required-version'];
const RUFF_VALUES = ['--config', '--line-length', '--target-version', '--exclude', '--extend-exclude', '--stdin-filename', '--select', '--ignore', '--extend-select', '--fixable', '--unfixable', '--output-format', '-o', '--output-file', '--cache-dir', '--range'];
const has = (...flags: string[]) => (args: readonly string[]): boolean => args.some((arg) => flags.includes(arg));
const lacks = (...flags: string[]) => (args: readonly string[]): boolean => !args.some((arg) => flags.includes(arg));
const ruff: Reader = (args) => {
  const [sub, ...rest] = args;
  if (sub === 'format') return rewrites(RUFF_VALUES, lacks('--check', '--diff'))(rest);
  if (sub === 'check') return rewrites(RUFF_VALUES, has('--fix'))(rest);
  return [];
};

// Options whose value names a file the program reads and echoes back in part: a list of names
// (`wc --files0-from=F`, `file -f F`: errors quote what they cannot open), the other side of a
// comparison (`diff --from-file=F`), ignore rules (`rg --ignore-file F`).
const alsoReads = (options: readonly string[], reader: Reader = () => []): Reader => (args) => [...reader(args), ...valuesOf(args, options).map((path): Found => ['read', path])];
const TREE_VALUES = ['-L', '-P', '-I', '-o', '-H', '-T', '--charset', '--filelimit', '--timefmt', '--sort', '--gitfile', '--infofile', '--hintro', '--houtro'];
// `tree --fromfile LIST` prints the names LIST holds, one per line.
const tree: Reader = (args) => (args.includes('--fromfile') ? operands(args, TREE_VALUES).map((path): Found => ['read', path]) : []);

// A recursive search reads every file below the directories it is given (`grep -r token ~/.config`,
// `rg KEY ~/.aws`): each is also judged as the tree it reads. The workspace root is left to the
// pack (`grep -r x .` needs approval in cavra-ci-baseline; rg skips hidden and ignored files there),
// and so is a pattern inside the workspace (`grep -rn x src/**/*.ts`), which names its files.
const recursive = (reader: Reader, always = false): Reader => (args) => {
  const found = reader(args);
  if (!always && !args.some((arg) => RECURSIVE.test(arg) || arg === '--dereference-recursive' || arg === '--directories=recurse')) return found;
  const trees: Found[] = [];
  for (const [access, path] of found) {
    if (access !== 'read' || WORKSPACE_ROOT.test(path) || (/[*?[]/.test(path) && !startsOutsideWorkspace(path))) continue;
    trees.push(['read', path, 'tree']);
  }
  return [...found, ...trees];
};

// The values `args` gives to any of `options` (`-f FILE`, `--contents=FILE`).
function valuesOf(args: readonly string[], options: readonly string[]): string[] {
  const values: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const word = args[index]!;
    if (word === '--') break;
    const eq = word.indexOf('=');
    if (eq > 0 && options.includes(word.slice(0, eq))) values.push(word.slice(eq + 1));
    else if (options.includes(word) && args[index + 1] !== undefined) values.push(args[++index]!);
  }
  return values;
}

// grep and rg read their patterns from the file `-f` names (`grep -f .env x`, `-vf .env`,
// `-f.env`, `--file=.env` read .env).
function withPatternFiles(reader: Reader): Reader {
  return (args) => {
    const found = reader(args);
    for (let index = 0; index < args.length; index += 1) {
      const word = args[index]!;
      if (word === '--') break;
      if (word === '--file' && args[index + 1] !== undefined) found.push(['read', args[++index]!]);
      else if (word.startsWith('--file=')) found.push(['read', word.slice(7)]);
      else {
        // In a cluster, the first option that takes a value takes the rest of the word or the next one.
        const cluster = /^-([A-Za-z]*?)([efmABCdD])(.*)$/.exec(word);
        if (cluster === null || cluster[2] !== 'f') continue;
        const value = cluster[3] !== '' ? cluster[3] : args[++index];
        if (value !== undefined) found.push(['read', value]);
      }
    }
    return found;
  };
}

// A Map: looked up by a word of the command line, it finds nothing a plain object would inherit.
const READERS: ReadonlyMap<string, Reader> = new Map(Object.entries({
  cat: reads(), tac: reads(), nl: reads(), less: reads(), more: reads(), bat: reads(), view: reads(),
  head: reads(['-n', '-c']), tail: reads(['-n', '-c']), od: reads(), xxd: reads(), hexdump: reads(), strings: reads(),
  base64: reads(), base32: reads(), md5sum: reads(), sha1sum: reads(), sha256sum: reads(), sha512sum: reads(),
  wc: alsoReads(['--files0-from'], reads()), sort: alsoReads(['--files0-from'], reads(['-k', '-t', '-o'])), uniq: inputThenOutput(['-f', '-s', '-w', '--skip-fields', '--skip-chars', '--check-chars']), cut: reads(['-d', '-f', '-c', '-b']), diff: alsoReads(['--from-file', '--to-file'], reads()), cmp: reads(),
  source: reads(), '.': reads(), jq: afterScript('read', ['-f', '--from-file'], ['--arg', '--argjson']), yq: reads(),
  grep: recursive(withPatternFiles(afterScript('read', ['-e', '-f', '--regexp', '--file'], ['-m', '-A', '-B', '-C']))),
  egrep: withPatternFiles(afterScript('read', ['-e', '-f'])), fgrep: withPatternFiles(afterScript('read', ['-e', '-f'])),
  rg: recursive(alsoReads(['--ignore-file'], withPatternFiles(afterScript('read', ['-e', '-f', '--regexp', '--file'], ['-g', '--glob', '-t', '-m', '-A', '-B', '-C', '--ignore-file']))), true),
  du: alsoReads(['--files0-from']), file: alsoReads(['-f', '--files-from']), tree,
  // Its program files are read too (`awk -f .env` prints each line it cannot parse).
  awk: (args) => {
    const { loads, files } = readAwkArguments(args);
    return [...loads.filter(({ option }) => option !== '-l' && option !== '--load').map(({ value }): Found => ['read', value]), ...files.map((path): Found => ['read', path])];
  },
  tee: writes(), rm: removes(false), rimraf: removes(true), del: removes(true), 'del-cli': removes(true), unlink: writes(), shred: writes(['-n', '-s']), touch: writes(['-d', '-t', '-r']), truncate: writes(['-s', '-r']),
  chmod: writes([], 1), chown: writes([], 1), chgrp: writes([], 1), mkdir: writes(['-m']),
  cp: copy, install, ln: link, rsync: sync, mv: move, tar: archive, bsdtar: archive, gtar: archive, unzip: unzip, git: gitFiles,
  vi: writes(), vim: writes(), nvim: writes(), nano: writes(), emacs: writes(), code: writes(),
  prettier: rewrites(PRETTIER_VALUES, has('--write', '-w')), eslint: rewrites(ESLINT_VALUES, has('--fix')),
  black: rewrites(BLACK_VALUES, lacks('--check', '--diff')), ruff, gofmt: rewrites([], has('-w')), rustfmt: rewrites(['--edition', '--config-path', '--config', '--emit'], lacks('--check')),
}));

/** File reads and writes implied by running `program args`. */
export function fileAccessesOf(program: string, args: readonly string[]): FileAccessFinding[] {
  const found: FileAccessFinding[] = [];
  if (program === 'sed' || program === 'perl') {
    const inPlace = args.some((arg) => /^(-i|--in-place)/.test(arg) || (/^-[a-zA-Z]+$/.test(arg) && arg.includes('i') && program === 'sed'));
    for (const [, path] of afterScript('read', ['-e', '-f', '--expression', '--file'])(args)) found.push({ access: inPlace ? 'write' : 'read', path, by: program });
    return found.filter((finding) => usablePath(finding.path));
  }
  if (program === 'dd') {
    for (const arg of args) {
      if (arg.startsWith('if=')) found.push({ access: 'read', path: arg.slice(3), by: program });
      if (arg.startsWith('of=')) found.push({ access: 'write', path: arg.slice(3), by: program });
    }
    return found.filter((finding) => usablePath(finding.path));
  }
  const reader = READERS.get(program);
  if (reader === undefined) return found;
  for (const [access, path, kind] of reader(args)) {
    if (usablePath(path)) found.push(kind === undefined ? { access, path, by: program } : kind === 'tree' ? { access, path, by: program, tree: true } : { access, path, by: program, glob: true });
  }
  return found;
}

/** Whether a redirect or argument names a real file (not a descriptor or a device stream). */
export function usablePath(path: string): boolean {
  return path !== '' && path !== '-' && !/^\d+$/.test(path) && !/^\/dev\/(null|stdin|stdout|stderr|tty|fd\/\d+)$/.test(path);
}
