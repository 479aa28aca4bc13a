// The files a Codex `apply_patch` body touches: `*** Add File:`, `*** Update File:`,
// `*** Delete File:` and `*** Move to:` headers (openai/codex `codex-rs/apply-patch`).
const HEADER = /^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+)$/;

/** Every path a patch names, in order, without repeats. */
export function applyPatchPaths(patch: string): string[] {
  const paths: string[] = [];
  for (const line of patch.split(/\r?\n/)) {
    const path = HEADER.exec(line)?.[1]?.trim();
    if (path && !paths.includes(path)) paths.push(path);
  }
  return paths;
}
