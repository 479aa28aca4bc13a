// git push in canonical form: force from `-f`, `--force*` (abbreviated too) and `+refspec`,
// delete from `-d`, `--delete` and `:ref`, one form per destination branch.
import type { CanonicalForm } from '../types.ts';

const FORCE_FLAGS = ['--force-with-lease', '--force-if-includes'];

/** Refines a git form; `git push` yields one form per destination ref. */
export function refineGit(form: CanonicalForm): CanonicalForm[] {
  if (form.path[0] !== 'push') return [form];
  if (FORCE_FLAGS.some((flag) => form.flags.has(flag))) form.flags.set('--force', true);
  const [remote, ...refspecs] = form.positionals;
  if (remote === undefined || refspecs.length === 0) return [form];
  return refspecs.map((refspec) => {
    const flags = new Map(form.flags);
    let ref = refspec;
    if (ref.startsWith('+')) {
      flags.set('--force', true);
      ref = ref.slice(1);
    }
    const colon = ref.lastIndexOf(':');
    if (colon === 0) flags.set('--delete', true);
    if (colon >= 0) ref = ref.slice(colon + 1);
    ref = ref.replace(/^refs\/heads\//, '');
    return { ...form, flags, positionals: [remote, ref] };
  });
}
