// Commands that run inside a container: `docker|podman|nerdctl run [opts] IMAGE [CMD…]`,
// `… exec CONTAINER CMD…`, `docker compose run|exec SERVICE CMD…`, `kubectl exec POD -- CMD…`,
// `kubectl run NAME --image=I [--command] -- CMD…`. The inner command is judged like any
// other: `docker run hashicorp/terraform apply` is a `terraform apply`, while
// `docker run --rm node:24 npm test` is an `npm test`.
import type { Word } from './types.ts';

const SHELLS = /^(\/(usr\/)?bin\/)?(sh|bash|dash|zsh|ash|busybox|env)$/;
const ENGINES = new Set(['docker', 'podman', 'nerdctl', 'finch', 'lima-nerdctl']);

// Options of `run`/`exec`/`create` that take a value (engines share docker's grammar).
const RUN_VALUES = new Set([
  '-a', '--attach', '--add-host', '--annotation', '--blkio-weight', '--cap-add', '--cap-drop', '--cgroup-parent', '--cgroupns', '--cidfile', '--cpu-period',
  '--cpu-quota', '--cpu-shares', '-c', '--cpus', '--cpuset-cpus', '--cpuset-mems', '--device', '--device-cgroup-rule', '--dns', '--dns-option', '--dns-search',
  '--domainname', '--entrypoint', '-e', '--env', '--env-file', '--expose', '--gpus', '--group-add', '--health-cmd', '--health-interval', '--health-retries',
  '--health-start-period', '--health-timeout', '-h', '--hostname', '--ip', '--ip6', '--ipc', '--isolation', '--kernel-memory', '-l', '--label', '--label-file',
  '--link', '--log-driver', '--log-opt', '--mac-address', '-m', '--memory', '--memory-reservation', '--memory-swap', '--memory-swappiness', '--mount', '--name',
  '--network', '--net', '--network-alias', '--oom-score-adj', '--pid', '--pids-limit', '--platform', '-p', '--publish', '--pull', '--restart', '--runtime',
  '--security-opt', '--shm-size', '--stop-signal', '--stop-timeout', '--storage-opt', '--sysctl', '--tmpfs', '-u', '--user', '--userns', '--uts', '-v', '--volume',
  '--volume-driver', '--volumes-from', '-w', '--workdir', '--detach-keys', '--ulimit', '--chdir', '--userns-remap', '--pod', '--arch', '--os', '--variant',
]);
const COMPOSE_VALUES = new Set(['-e', '--env', '-l', '--label', '--name', '-p', '--publish', '-u', '--user', '-v', '--volume', '-w', '--workdir', '--entrypoint', '--index', '-f', '--file', '--project-name', '--profile', '--env-file', '--project-directory']);
const KUBECTL_VALUES = new Set(['-n', '--namespace', '--context', '--cluster', '--user', '--kubeconfig', '-c', '--container', '--image', '--env', '--labels', '-l', '--overrides', '--port', '--restart', '--serviceaccount', '--pod-running-timeout', '--request-timeout', '-s', '--server', '--token', '--as', '--image-pull-policy', '--target', '--profile', '-f', '--filename']);

// Images whose entrypoint is a tool: arguments after the image are that tool's arguments.
const TOOL_IMAGES: ReadonlyArray<[RegExp, string]> = [
  [/(^|\/)(terraform|terraform-light)$/, 'terraform'],
  [/(^|\/)(opentofu|tofu)$/, 'tofu'],
  [/(^|\/)terragrunt$/, 'terragrunt'],
  [/(^|\/)kubectl$/, 'kubectl'],
  [/(^|\/)(helm|k8s-helm)$/, 'helm'],
  [/(^|\/)(aws-cli|awscli)$/, 'aws'],
  [/(^|\/)(azure-cli|az)$/, 'az'],
  [/(^|\/)(cloud-sdk|google-cloud-cli|gcloud)$/, 'gcloud'],
  [/(^|\/)git$/, 'git'],
  [/(^|\/)(gh|github-cli)$/, 'gh'],
  [/(^|\/)pulumi$/, 'pulumi'],
];

/** One inner command a container invocation runs. */
export interface ContainerReading {
  /** `docker run`, `kubectl exec` … for the reason text. */
  via: string;
  inner: Word[];
}

/** The commands a container invocation runs, or undefined when `words` is no such invocation. */
export function containerCommands(program: string, words: readonly Word[]): ContainerReading[] | undefined {
  if (ENGINES.has(program)) return engine(program, words);
  if (program === 'kubectl' || program === 'oc') return kubectl(program, words);
  return undefined;
}

function engine(program: string, words: readonly Word[]): ContainerReading[] | undefined {
  let index = 1;
  // Engine globals before the subcommand (`docker --context x run`, `podman --remote run`).
  while (index < words.length && words[index]!.value.startsWith('-')) index += /^--(context|host|config|log-level|url|connection|namespace|address)$|^-[Hc]$/.test(words[index]!.value) ? 2 : 1;
  let sub = words[index]?.value;
  if (sub === 'container') sub = words[++index]?.value;
  if (sub === 'compose' || program === 'docker-compose') return compose(program, words, index + 1);
  if (sub !== 'run' && sub !== 'exec' && sub !== 'create') return undefined;
  const via = `${program} ${sub}`;
  let entrypoint: Word | undefined;
  index += 1;
  while (index < words.length) {
    const word = words[index]!;
    const text = word.value;
    if (text === '--') {
      index += 1;
      break;
    }
    if (!text.startsWith('-') || text === '-') break;
    const eq = text.indexOf('=');
    const name = eq > 0 ? text.slice(0, eq) : text;
    if (name === '--entrypoint') entrypoint = eq > 0 ? { value: text.slice(eq + 1), dynamic: word.dynamic } : words[index + 1];
    if (eq < 0 && RUN_VALUES.has(name)) index += 2;
    else index += 1;
  }
  const image = words[index];
  if (image === undefined) return [];
  const command = words.slice(index + 1);
  if (sub === 'exec') return command.length > 0 ? [{ via, inner: [...command] }] : [];
  const readings: ContainerReading[] = [];
  if (entrypoint !== undefined && entrypoint.value !== '') {
    readings.push({ via, inner: [...entrypoint.value.split(/\s+/).filter(Boolean).map((value) => ({ value, dynamic: entrypoint!.dynamic })), ...command] });
    return readings;
  }
  // A tool image's entrypoint is the tool: its arguments follow the image, unless the command
  // names the tool itself or a shell (images without an entrypoint, or an overriding shell).
  const tool = toolOf(image.value);
  const first = command[0]?.value ?? '';
  if (tool !== undefined && first !== tool && !SHELLS.test(first)) readings.push({ via: `${via} ${image.value}`, inner: [{ value: tool, dynamic: image.dynamic }, ...command] });
  else if (command.length > 0 && !first.startsWith('-')) readings.push({ via, inner: [...command] });
  return readings;
}

function compose(program: string, words: readonly Word[], start: number): ContainerReading[] | undefined {
  let index = start;
  while (index < words.length && words[index]!.value.startsWith('-')) index += COMPOSE_VALUES.has(words[index]!.value) ? 2 : 1;
  const sub = words[index]?.value;
  if (sub !== 'run' && sub !== 'exec') return undefined;
  index += 1;
  let entrypoint: string | undefined;
  while (index < words.length && words[index]!.value.startsWith('-')) {
    const text = words[index]!.value;
    if (text === '--entrypoint') entrypoint = words[index + 1]?.value;
    index += COMPOSE_VALUES.has(text) ? 2 : 1;
  }
  const command = words.slice(index + 1);
  const inner = entrypoint === undefined ? command : [...entrypoint.split(/\s+/).filter(Boolean).map((value) => ({ value, dynamic: false })), ...command];
  return inner.length > 0 ? [{ via: `${program} compose ${sub}`, inner: [...inner] }] : [];
}

function kubectl(program: string, words: readonly Word[]): ContainerReading[] | undefined {
  let index = 1;
  let sub: string | undefined;
  let image: string | undefined;
  let commandFlag = false;
  const positionals: Word[] = [];
  let dash = -1;
  while (index < words.length) {
    const text = words[index]!.value;
    if (text === '--') {
      dash = index;
      break;
    }
    if (text.startsWith('-')) {
      const eq = text.indexOf('=');
      const name = eq > 0 ? text.slice(0, eq) : text;
      if (name === '--image') image = eq > 0 ? text.slice(eq + 1) : words[index + 1]?.value;
      if (name === '--command') commandFlag = true;
      index += eq < 0 && KUBECTL_VALUES.has(name) ? 2 : 1;
      continue;
    }
    if (sub === undefined) sub = text;
    else positionals.push(words[index]!);
    index += 1;
  }
  if (sub !== 'exec' && sub !== 'run' && sub !== 'debug' && sub !== 'attach') return undefined;
  const via = `${program} ${sub}`;
  // `kubectl exec POD CMD…` (deprecated form) and `kubectl exec POD -- CMD…`.
  const command = dash >= 0 ? words.slice(dash + 1) : sub === 'exec' ? positionals.slice(1) : [];
  if (command.length === 0) return [];
  const readings: ContainerReading[] = [];
  const tool = image === undefined ? undefined : toolOf(image);
  if (sub === 'run' && !commandFlag && tool !== undefined && command[0]!.value !== tool && !SHELLS.test(command[0]!.value)) readings.push({ via: `${via} ${image}`, inner: [{ value: tool, dynamic: false }, ...command] });
  else readings.push({ via, inner: [...command] });
  return readings;
}

function toolOf(image: string): string | undefined {
  const name = image.replace(/@sha256:[0-9a-f]+$/i, '').replace(/:[^/:]*$/, '').toLowerCase();
  for (const [pattern, tool] of TOOL_IMAGES) if (pattern.test(name)) return tool;
  return undefined;
}
