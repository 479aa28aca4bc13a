// Runs the bundled task two ways: through azure-pipelines-task-lib's MockTestRunner (offline:
// `nodePath` set, `runAsync()` with no version, so it never downloads Node), and as the agent
// starts it (node on the bundle with INPUT_* and predefined variables in the environment). The
// task folder is copied where no node_modules can be found, as the packaged extension has none.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const TASK_DIR = join(REPO_ROOT, 'azure-tasks', 'CavraGateV1');
const require = createRequire(import.meta.url);

/** A copy of the task folder (task.json and its bundle) outside the repository. */
export function standaloneTask(): { taskDir: string; entry: string; taskJson: string } {
  const bundle = join(TASK_DIR, 'dist', 'cavra-gate.mjs');
  if (!existsSync(bundle)) throw new Error(`no task bundle at ${bundle}: run \`npm run build\` first`);
  const root = mkdtempSync(join(tmpdir(), 'cavra-azure-task-'));
  const taskDir = join(root, 'CavraGateV1');
  cpSync(TASK_DIR, taskDir, { recursive: true });
  return { taskDir, entry: join(taskDir, 'dist', 'cavra-gate.mjs'), taskJson: join(taskDir, 'task.json') };
}

/** A workspace for one run: sources directory and agent temp directory. */
export function workspace(): { sources: string; temp: string } {
  const root = mkdtempSync(join(tmpdir(), 'cavra-azure-run-'));
  const sources = join(root, 's');
  const temp = join(root, '_temp');
  mkdirSync(sources, { recursive: true });
  mkdirSync(temp, { recursive: true });
  return { sources, temp };
}

export interface TaskRun {
  /** `Succeeded`, `SucceededWithIssues` or `Failed`, from `##vso[task.complete]`. */
  result: string | undefined;
  /** The message of `task.complete`. */
  message: string;
  stdout: string;
  /** Output variables set with `isOutput=true`. */
  outputs: Record<string, string>;
  /** Paths given to `task.uploadsummary`. */
  summaries: string[];
  /** `artifact.upload` commands: `[artifactname, path]`. */
  artifacts: Array<[string, string]>;
  /** Lines holding a logging command anywhere but at their start. */
  smuggled: string[];
}

const COMMAND = /^##vso\[([a-z.]+)([^\]]*)\](.*)$/i;

export function parseTaskOutput(stdout: string): TaskRun {
  const run: TaskRun = { result: undefined, message: '', stdout, outputs: {}, summaries: [], artifacts: [], smuggled: [] };
  for (const line of stdout.split(/\r?\n/)) {
    const at = line.toLowerCase().indexOf('##vso[');
    if (at < 0) {
      if (line.includes('##[')) run.smuggled.push(line);
      continue;
    }
    if (at > 0 || line.toLowerCase().indexOf('##vso[', at + 1) > 0 || line.slice(6).includes('##[')) run.smuggled.push(line);
    const match = COMMAND.exec(line.slice(at));
    if (!match) continue;
    const [, command, rawProperties, data] = match;
    const properties = Object.fromEntries(
      rawProperties!
        .trim()
        .split(';')
        .filter(Boolean)
        .map((pair) => pair.split('=') as [string, string]),
    );
    if (command === 'task.complete') {
      run.result = properties.result;
      run.message = data ?? '';
    }
    if (command === 'task.setvariable' && properties.isOutput === 'true') run.outputs[properties.variable!] = data ?? '';
    if (command === 'task.uploadsummary') run.summaries.push(data ?? '');
    if (command === 'artifact.upload') run.artifacts.push([properties.artifactname!, data ?? '']);
  }
  return run;
}

export interface MockRunOptions {
  inputs: Record<string, string>;
  variables: Record<string, string>;
}

/** Runs the task through MockTestRunner with a mock-run file, as azure-pipelines-task-lib's own tests do. */
export async function runWithMockTestRunner(task: { entry: string; taskJson: string }, dir: string, options: MockRunOptions): Promise<TaskRun> {
  const mockRun = require.resolve('azure-pipelines-task-lib/mock-run');
  const runFile = join(dir, `mock-run-${Math.random().toString(36).slice(2)}.cjs`);
  writeFileSync(
    runFile,
    [
      `const { TaskMockRunner } = require(${JSON.stringify(mockRun)});`,
      `const tmr = new TaskMockRunner(${JSON.stringify(task.entry)});`,
      ...Object.entries(options.inputs).map(([name, value]) => `tmr.setInput(${JSON.stringify(name)}, ${JSON.stringify(value)});`),
      ...Object.entries(options.variables).map(([name, value]) => `process.env[${JSON.stringify(name.replace(/\./g, '_').toUpperCase())}] = ${JSON.stringify(value)};`),
      // The bundle carries its own task-lib; nothing is mocked.
      'tmr.run(true);',
      '',
    ].join('\n'),
  );
  const { MockTestRunner } = require('azure-pipelines-task-lib/mock-test') as typeof import('azure-pipelines-task-lib/mock-test.js');
  const tr = new MockTestRunner(runFile, task.taskJson);
  tr.nodePath = process.execPath;
  await tr.runAsync();
  const run = parseTaskOutput(tr.stdout);
  if (tr.succeeded !== (run.result !== 'Failed')) throw new Error(`MockTestRunner says succeeded=${tr.succeeded} but the task completed ${run.result}`);
  return run;
}

/** Runs the bundle as the agent does: `node <target>` with inputs and variables in the environment. */
export async function runAsAgent(task: { entry: string }, cwd: string, options: MockRunOptions & { endpointToken?: string }): Promise<TaskRun & { exitCode: number | null; stderr: string }> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
  for (const [name, value] of Object.entries(options.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.variables)) env[name.replace(/\./g, '_').toUpperCase()] = value;
  if (options.endpointToken) env.ENDPOINT_AUTH_PARAMETER_SYSTEMVSSCONNECTION_ACCESSTOKEN = options.endpointToken;
  const child = spawn(process.execPath, [task.entry], { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { ...parseTaskOutput(stdout), exitCode, stderr };
}
