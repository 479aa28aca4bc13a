// Interpreters' one-liners (`python -c`, `node -e`, `perl -e`). Their code is not shell, so we
// do not parse it; when it can run commands, every string literal in it is read as a shell
// script (so `os.system("terraform apply")` is caught) and the whole is marked opaque.

interface InterpreterSpec {
  /** Options whose value is the code. */
  code: readonly string[];
  /** Options that take a (non-code) value. */
  values?: readonly string[];
  /** Short options that may be clustered in front of the code option (`perl -ne`). */
  cluster?: boolean;
}

const PYTHON: InterpreterSpec = { code: ['-c'], values: ['-m', '-W', '-X', '-Q'], cluster: true };
const NODE: InterpreterSpec = { code: ['-e', '--eval', '-p', '--print'], values: ['-r', '--require', '--import', '--loader'] };
const PERL: InterpreterSpec = { code: ['-e', '-E'], values: ['-M', '-m', '-I', '-x'], cluster: true };

const SPECS: ReadonlyArray<[RegExp, InterpreterSpec]> = [
  [/^python(\d+(\.\d+)?)?$|^pypy\d*$/, PYTHON],
  [/^(node|nodejs|bun)$/, NODE],
  [/^deno$/, { code: ['eval'] }],
  [/^perl(\d[\d.]*)?$/, PERL],
  [/^ruby(\d[\d.]*)?$/, { code: ['-e'], values: ['-r', '-I'], cluster: true }],
  [/^php(\d[\d.]*)?$/, { code: ['-r'] }],
  [/^(lua|luajit|Rscript|osascript)$/, { code: ['-e'] }],
  [/^(tclsh|wish)$/, { code: [] }],
];

/** The interpreter spec of a program basename. */
export function interpreterFor(program: string): InterpreterSpec | undefined {
  let spec = BY_PROGRAM.get(program);
  if (spec === undefined && !BY_PROGRAM.has(program)) {
    spec = SPECS.find(([pattern]) => pattern.test(program))?.[1];
    if (BY_PROGRAM.size < 4096) BY_PROGRAM.set(program, spec);
  }
  return spec;
}

// Program names seen so far, each looked up once (the analysis asks for every invocation).
const BY_PROGRAM = new Map<string, InterpreterSpec | undefined>();

/** Where an interpreter takes its code from. */
export type CodeSource = { kind: 'code'; index: number } | { kind: 'file'; index: number } | { kind: 'stdin' };

/** Finds the code argument (`-c CODE`), a script file, or stdin. */
export function locateCode(args: readonly string[], spec: InterpreterSpec): CodeSource {
  for (let index = 1; index < args.length; index += 1) {
    const word = args[index]!;
    if (spec.code.includes(word)) return { kind: 'code', index: index + 1 };
    if (word === '-' || word === '--') return { kind: 'stdin' };
    if (spec.cluster && /^-[A-Za-z]{2,}$/.test(word) && spec.code.includes(`-${word[word.length - 1]}`)) return { kind: 'code', index: index + 1 };
    if (spec.values?.includes(word)) {
      if (word === '-m') return { kind: 'file', index: index + 1 };
      index += 1;
      continue;
    }
    if (word.startsWith('-')) continue;
    return { kind: 'file', index };
  }
  return { kind: 'stdin' };
}

// Calls through which interpreter code runs programs.
const EXEC_CALL = /\b(system|popen\w*|exec\w*|spawn\w*|subprocess|check_output|check_call|Popen|getoutput|getstatusoutput|shell_exec|passthru|proc_open|child_process|execSync|IO\.popen|Open3|Runtime|ProcessBuilder|os\.run|Deno\.Command|Bun\.spawn|Command|\$\.)\b|`|%x[({[]|\bqx[({[/]/;

/** Whether interpreter code can run other programs. */
export function canRunPrograms(code: string): boolean {
  return EXEC_CALL.test(code);
}

/**
 * String literals of interpreter code, as candidate shell scripts: each literal, and each
 * list of literals (`["git", "push", "-f"]`) joined with spaces.
 */
export function scriptsInCode(code: string): string[] {
  const scripts: string[] = [];
  const literal = /(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;
  for (const match of code.matchAll(literal)) scripts.push(unescapeLiteral(match[2]!));
  for (const list of code.matchAll(/[[(]\s*((?:(['"])(?:\\.|(?!\2)[^\\])*\2\s*,\s*)+(['"])(?:\\.|(?!\3)[^\\])*\3)\s*,?\s*[\])]/g)) {
    const parts = [...list[1]!.matchAll(literal)].map((part) => unescapeLiteral(part[2]!));
    scripts.push(parts.map((part) => (/\s/.test(part) ? `'${part.replace(/'/g, `'\\''`)}'` : part)).join(' '));
  }
  return scripts;
}

function unescapeLiteral(text: string): string {
  return text.replace(/\\(["'\\`])/g, '$1').replace(/\\n/g, '\n');
}
