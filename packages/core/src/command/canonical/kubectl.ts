// kubectl resources compare by canonical plural kind: `ns`, `namespace` and `namespaces` are
// one kind, `deploy/web` is `deployments web`, and `deployments.apps` drops its group.
import type { CanonicalForm } from '../types.ts';
import { own } from '../own.ts';

const KINDS: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ['namespaces', 'ns', 'namespace'],
    ['pods', 'po', 'pod'],
    ['deployments', 'deploy', 'deployment'],
    ['services', 'svc', 'service'],
    ['secrets', 'secret'],
    ['configmaps', 'cm', 'configmap'],
    ['statefulsets', 'sts', 'statefulset'],
    ['daemonsets', 'ds', 'daemonset'],
    ['replicasets', 'rs', 'replicaset'],
    ['persistentvolumes', 'pv', 'persistentvolume'],
    ['persistentvolumeclaims', 'pvc', 'persistentvolumeclaim'],
    ['nodes', 'no', 'node'],
    ['customresourcedefinitions', 'crd', 'crds', 'customresourcedefinition'],
    ['serviceaccounts', 'sa', 'serviceaccount'],
    ['ingresses', 'ing', 'ingress'],
    ['jobs', 'job'],
    ['cronjobs', 'cj', 'cronjob'],
    ['roles', 'role'],
    ['rolebindings', 'rolebinding'],
    ['clusterroles', 'clusterrole'],
    ['clusterrolebindings', 'clusterrolebinding'],
  ].flatMap(([plural, ...aliases]) => [plural!, ...aliases].map((alias) => [alias, plural!])),
);

/** Normalises the resource words of a kubectl form. */
export function refineKubectl(form: CanonicalForm): CanonicalForm[] {
  const [first, ...rest] = form.positionals;
  if (first === undefined) return [form];
  const slash = first.indexOf('/');
  const positionals = slash > 0 ? [kindOf(first.slice(0, slash)), first.slice(slash + 1), ...rest] : [first.split(',').map(kindOf).join(','), ...rest];
  return [{ ...form, positionals }];
}

function kindOf(word: string): string {
  const lower = word.toLowerCase();
  const base = lower.split('.')[0]!;
  return own(KINDS, lower) ?? own(KINDS, base) ?? lower;
}
