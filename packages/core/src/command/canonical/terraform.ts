// terraform, tofu and terragrunt: global `-chdir`, single- or double-dash flags,
// `apply -destroy` ≡ `destroy`, terragrunt `run-all X` / `run --all X` ≡ `X --all`, and the
// flags `TF_CLI_ARGS` and `TF_CLI_ARGS_<command>` inject.
import type { CanonicalForm } from '../types.ts';

/** Refines a terraform-family form into its equivalent readings. */
export function refineTerraform(form: CanonicalForm): CanonicalForm[] {
  if ((form.path[0] === 'run-all' || form.path[0] === 'run') && form.positionals.length > 0) {
    if (form.path[0] === 'run-all') form.flags.set('-all', true);
    form.path = [form.positionals.shift()!];
  }
  const forms = [form];
  if (form.path[0] === 'apply' && isOn(form.flags.get('-destroy'))) {
    forms.push({ ...form, path: ['destroy'], flags: new Map([...form.flags].filter(([name]) => name !== '-destroy')) });
  }
  return forms;
}

/** Words that terraform reads from its environment after the subcommand. */
export function terraformInjected(path: readonly string[], env: Readonly<Record<string, string>>): string[] {
  const words: string[] = [];
  for (const name of ['TF_CLI_ARGS', `TF_CLI_ARGS_${path[0] ?? ''}`]) {
    const value = env[name];
    if (value !== undefined) words.push(...value.split(/\s+/).filter(Boolean));
  }
  return words;
}

function isOn(value: string | true | undefined): boolean {
  return value === true || value === 'true' || value === '1';
}
