// Runs the bundled GitHub Action as the runner does: `node` on the file `runs.main` names
// (resolved against the action's folder), every input as `INPUT_<NAME>` with action.yml's
// defaults, the event payload in GITHUB_EVENT_PATH, and GITHUB_STEP_SUMMARY / GITHUB_OUTPUT files
// that exist before the step. Or under @github/local-action, which imports the file and calls run().
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './paths.ts';

export const GATE_ACTION_DIR = join(REPO_ROOT, 'actions', 'gate');

interface ActionYaml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, unknown>;
  runs: { using: string; main: string };
}

export function readGateActionYaml(): ActionYaml {
  return parse(readFileSync(join(GATE_ACTION_DIR, 'action.yml'), 'utf8')) as ActionYaml;
}

/** The bundle the runner starts: `runs.main` against the action's folder. */
export function gateActionMain(): string {
  return resolve(GATE_ACTION_DIR, readGateActionYaml().runs.main);
}

export interface ActionRunOptions {
  apiUrl: string;
  token: string;
  eventName: string;
  event: unknown;
  repository: string;
  inputs?: Record<string, string>;
  /** Extra environment (e.g. ACTIONS_ID_TOKEN_REQUEST_URL). */
  env?: Record<string, string>;
  /** Files to create in the workspace. */
  files?: Record<string, string>;
  host?: 'runner' | 'local-action';
  /** A command the runner's `node` is started under (e.g. `/usr/bin/time -f …` in the benchmark). */
  wrapper?: string[];
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  workspace: string;
}

/** A P-256 key pair as PEM, for the `signing-key` input and `cavra verify --trusted-key`. */
export function signingKeyPair(dir: string): { privatePem: string; publicKeyFile: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyFile = join(dir, 'signing.pub.pem');
  writeFileSync(publicKeyFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyFile };
}

export async function runGateAction(options: ActionRunOptions): Promise<ActionRun> {
  const root = mkdtempSync(join(tmpdir(), 'cavra-action-'));
  const workspace = join(root, 'workspace');
  const temp = join(root, 'runner-temp');
  mkdirSync(workspace);
  mkdirSync(temp);
  for (const [name, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(workspace, name)), { recursive: true });
    writeFileSync(join(workspace, name), text);
  }
  const eventPath = join(root, 'event.json');
  const summaryPath = join(root, 'step-summary.md');
  const outputPath = join(root, 'output.txt');
  writeFileSync(eventPath, JSON.stringify(options.event));
  writeFileSync(summaryPath, '');
  writeFileSync(outputPath, '');

  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? root,
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_REPOSITORY: options.repository,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_API_URL: options.apiUrl,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_WORKFLOW_REF: `${options.repository}/.github/workflows/cavra.yml@refs/pull/7/merge`,
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_ACTOR: 'someone',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    ...options.env,
  };
  // Every input as the runner passes it: action.yml's default unless the workflow set it.
  for (const [name, spec] of Object.entries(readGateActionYaml().inputs)) {
    const given = options.inputs?.[name];
    const fallback = (spec.default ?? '').replace('${{ github.token }}', options.token);
    env[`INPUT_${name.toUpperCase()}`] = given ?? fallback;
  }

  const direct = { file: process.execPath, args: [gateActionMain()], cwd: workspace };
  const wrapped = options.wrapper?.length ? { file: options.wrapper[0]!, args: [...options.wrapper.slice(1), direct.file, ...direct.args], cwd: workspace } : direct;
  const command = options.host === 'local-action' ? localActionCommand(env, root) : wrapped;
  const result = await spawnAsync(command.file, command.args, command.cwd, env);
  return { ...result, outputs: parseOutputs(readFileSync(outputPath, 'utf8')), summary: readFileSync(summaryPath, 'utf8'), workspace };
}

// local-action reads its inputs from a dotenv file and must run from a folder whose package.json
// lists @actions/core (it asks npm where the toolkit is to stub it; the bundle inlines its own).
function localActionCommand(env: Record<string, string>, root: string): { file: string; args: string[]; cwd: string } {
  const host = join(root, 'local-action-host');
  mkdirSync(join(host, 'node_modules', '@actions'), { recursive: true });
  mkdirSync(join(host, 'node_modules', '.bin'));
  // local-action starts itself with `npm exec tsx`: tsx must be this folder's own, or npm would fetch it.
  writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'host', private: true, type: 'module', dependencies: { '@actions/core': '*', tsx: '*' } }));
  symlinkSync(join(REPO_ROOT, 'packages/github/node_modules/@actions/core'), join(host, 'node_modules', '@actions', 'core'));
  symlinkSync(join(REPO_ROOT, 'node_modules', 'tsx'), join(host, 'node_modules', 'tsx'));
  symlinkSync(join('..', 'tsx', 'dist', 'cli.mjs'), join(host, 'node_modules', '.bin', 'tsx'));
  const dotenv = join(host, '.env');
  writeFileSync(dotenv, Object.entries(env).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join('\n'));
  const bin = join(REPO_ROOT, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js');
  if (!existsSync(bin)) throw new Error('@github/local-action is not installed');
  return { file: process.execPath, args: [bin, 'run', GATE_ACTION_DIR, relative(GATE_ACTION_DIR, gateActionMain()), dotenv], cwd: host };
}

function spawnAsync(file: string, args: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

// `name<<DELIMITER\nvalue\nDELIMITER`, as @actions/core writes GITHUB_OUTPUT.
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index]!);
    if (!match) continue;
    const [, name, delimiter] = match;
    const value: string[] = [];
    for (index += 1; index < lines.length && lines[index] !== delimiter; index += 1) value.push(lines[index]!);
    outputs[name!] = value.join('\n');
  }
  return outputs;
}
