// Canonical forms of an invocation: the tool's own reading of its arguments, under its
// canonical name as well when it has one (`tofu` → `terraform`).
import type { CanonicalForm } from '../types.ts';
import { readArgs } from './read-args.ts';
import { GENERIC_SPEC, toolSpecFor } from './tools.ts';

/** Every canonical form of `program args`; `pattern` is set when reading a policy pattern. */
export function canonicalForms(program: string, args: readonly string[], env: Readonly<Record<string, string>> = {}, pattern = false): CanonicalForm[] {
  const name = program.toLowerCase();
  const spec = toolSpecFor(name) ?? GENERIC_SPEC;
  const base = readArgs(name, args, spec, env);
  const forms = spec.refine ? spec.refine(base, { pattern }) : [base];
  if (spec.canonicalProgram === undefined || spec.canonicalProgram === name) return forms;
  return [...forms, ...forms.map((form) => ({ ...form, program: spec.canonicalProgram! }))];
}

/** A form as one line: program, subcommand path, flags in order, then positionals. */
export function renderForm(form: CanonicalForm): string {
  let text = form.program;
  for (const part of form.path) text += ` ${part}`;
  for (const [name, value] of form.flags) text += value === true ? ` ${name}` : ` ${name} ${value}`;
  for (const part of form.positionals) text += ` ${part}`;
  return text;
}
