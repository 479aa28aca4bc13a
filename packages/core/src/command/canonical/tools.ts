// One ToolSpec per high-risk tool family. Adding a tool is adding an entry here.
import type { CanonicalForm } from '../types.ts';
import { refineGit } from './git.ts';
import { refineKubectl } from './kubectl.ts';
import type { ToolSpec } from './spec.ts';
import { refineTerraform, terraformInjected } from './terraform.ts';

const set = (...values: string[]): ReadonlySet<string> => new Set(values);

const GIT_PUSH_LONG = [
  'force', 'force-with-lease', 'force-if-includes', 'no-force-with-lease', 'delete', 'mirror', 'all', 'branches', 'tags',
  'follow-tags', 'set-upstream', 'dry-run', 'porcelain', 'prune', 'no-verify', 'verify', 'atomic', 'signed', 'push-option',
  'receive-pack', 'exec', 'repo', 'thin', 'no-thin', 'quiet', 'verbose', 'progress', 'recurse-submodules', 'ipv4', 'ipv6',
  'hard', 'soft', 'mixed', 'keep', 'merge',
];

export const TOOL_SPECS: readonly ToolSpec[] = [
  {
    names: ['git'],
    pathDepth: 1,
    shortClusters: true,
    valueFlags: set('-C', '-c', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--super-prefix', '--config-env', '--push-option', '--receive-pack', '--exec', '--repo', '-m', '--message', '-b', '-B'),
    aliases: { '-f': '--force', '-d': '--delete', '-u': '--set-upstream', '-n': '--dry-run', '-o': '--push-option', '-q': '--quiet', '-v': '--verbose', '-p': '--paginate', '-P': '--no-pager' },
    longNames: GIT_PUSH_LONG,
    refine: refineGit,
  },
  {
    names: ['terraform', 'tofu', 'terragrunt'],
    canonicalProgram: 'terraform',
    pathDepth: 1,
    singleDashLong: true,
    valueFlags: set('-chdir', '-var', '-var-file', '-target', '-replace', '-out', '-state', '-state-out', '-backup', '-lock-timeout', '-parallelism', '-terragrunt-working-dir', '-working-dir'),
    subcommands: { 'run-all': 'run-all', 'apply-all': 'apply', 'destroy-all': 'destroy', 'plan-all': 'plan' },
    refine: refineTerraform,
    injected: terraformInjected,
  },
  {
    names: ['kubectl', 'oc', 'kubecolor'],
    canonicalProgram: 'kubectl',
    pathDepth: 1,
    valueFlags: set('--context', '--cluster', '--user', '--namespace', '--kubeconfig', '--server', '--token', '--as', '--as-group', '--as-uid', '--certificate-authority', '--client-certificate', '--client-key', '--request-timeout', '--v', '--cache-dir', '--tls-server-name', '--username', '--password', '--selector', '--filename', '--output', '--container', '--field-selector', '--grace-period', '--timeout', '--type', '--patch', '--kustomize', '--profile', '--cascade'),
    aliases: { '-n': '--namespace', '-f': '--filename', '-o': '--output', '-l': '--selector', '-A': '--all-namespaces', '-R': '--recursive', '-k': '--kustomize', '-s': '--server', '-v': '--v', '-c': '--container', '-i': '--stdin', '-t': '--tty', '-p': '--patch' },
    refine: refineKubectl,
  },
  {
    names: ['helm'],
    pathDepth: 1,
    valueFlags: set('--kube-context', '--namespace', '--kubeconfig', '--kube-apiserver', '--kube-token', '--kube-as-user', '--registry-config', '--repository-config', '--repository-cache', '--values', '--set', '--set-string', '--version', '--timeout', '--output'),
    aliases: { '-n': '--namespace', '-f': '--values', '-o': '--output' },
    subcommands: { delete: 'uninstall', del: 'uninstall', un: 'uninstall', uninstall: 'uninstall', ls: 'list', fetch: 'pull' },
  },
  {
    names: ['rm', 'unlink'],
    pathDepth: 0,
    shortClusters: true,
    aliases: { '-r': '--recursive', '-R': '--recursive', '-f': '--force', '-i': '--interactive', '-I': '--interactive', '-d': '--dir', '-v': '--verbose' },
  },
  // npm's deleters remove every operand with all below it: `rm -rf` by another name, so a
  // pack's rules on `rm -rf` hold for them (`npx rimraf .git`).
  {
    names: ['rimraf', 'del', 'del-cli'],
    canonicalProgram: 'rm',
    pathDepth: 0,
    refine: (form) => {
      form.flags.set('--recursive', true);
      form.flags.set('--force', true);
      return [form];
    },
  },
  {
    names: ['aws'],
    pathDepth: 2,
    longTakesValue: true,
    switchFlags: set('--recursive', '--dryrun', '--dry-run', '--no-dry-run', '--force', '--quiet', '--debug', '--no-paginate', '--no-verify-ssl', '--no-sign-request', '--no-cli-pager', '--include-all-instances', '--delete', '--exact-timestamps', '--only-show-errors', '--no-progress'),
  },
  {
    names: ['az'],
    pathDepth: 'until-flag',
    longTakesValue: true,
    switchFlags: set('--only-show-errors', '--debug', '--verbose', '--yes', '--no-wait', '--all'),
    aliases: { '-o': '--output', '-g': '--resource-group', '-n': '--name', '-y': '--yes' },
    valueFlags: set('--output', '--resource-group', '--name', '--subscription', '--query'),
  },
  {
    names: ['gcloud'],
    pathDepth: 'until-flag',
    longTakesValue: true,
    switchFlags: set('--quiet', '--log-http', '--verbosity-debug', '--async', '--all'),
    aliases: { '-q': '--quiet' },
  },
  {
    names: ['gh', 'glab'],
    pathDepth: 2,
    valueFlags: set('--repo', '--method', '--field', '--raw-field', '--header', '--input', '--jq', '--body', '--title', '--hostname'),
    aliases: { '-R': '--repo', '-X': '--method', '-F': '--field', '-f': '--raw-field', '-H': '--header', '-d': '--delete-branch', '-m': '--merge', '-s': '--squash', '-r': '--rebase', '-b': '--body', '-t': '--title', '-q': '--jq' },
    refine: refineGh,
  },
];

// `gh api` has one path word; the method's case does not matter to the server.
function refineGh(form: CanonicalForm): CanonicalForm[] {
  if (form.path[0] === 'api' && form.path.length === 2) {
    form.positionals.unshift(form.path.pop()!);
  }
  const method = form.flags.get('--method');
  if (typeof method === 'string') form.flags.set('--method', method.toUpperCase());
  return [form];
}

// Every spec in one shape, absent fields undefined, so the reading's loads of a spec stay monomorphic.
function fullSpec(spec: ToolSpec): ToolSpec {
  return {
    names: spec.names,
    canonicalProgram: spec.canonicalProgram,
    pathDepth: spec.pathDepth,
    valueFlags: spec.valueFlags,
    switchFlags: spec.switchFlags,
    longTakesValue: spec.longTakesValue,
    aliases: spec.aliases,
    subcommands: spec.subcommands,
    longNames: spec.longNames,
    shortClusters: spec.shortClusters,
    singleDashLong: spec.singleDashLong,
    refine: spec.refine,
    injected: spec.injected,
  };
}

const BY_NAME: ReadonlyMap<string, ToolSpec> = new Map(TOOL_SPECS.map(fullSpec).flatMap((spec) => spec.names.map((name) => [name, spec] as const)));

/** The spec that reads `program`, if it is a tool we model. */
export function toolSpecFor(program: string): ToolSpec | undefined {
  return BY_NAME.get(program);
}

/** The reading for tools we do not model: options as given, clusters kept, words positional. */
export const GENERIC_SPEC: ToolSpec = fullSpec({ names: [], pathDepth: 0 });
