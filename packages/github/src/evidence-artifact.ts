// The sealed evidence directory as a workflow artifact, through @actions/artifact (the runner's
// artifact service), when the runner offers one. Loaded only then: the artifact client brings
// the Azure Blob SDK and a zip writer.
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/** What became of the upload: the artifact, or why there is none. */
export type EvidenceArtifact = { uploaded: true; name: string; id: number; size: number } | { uploaded: false; reason: string };

/** Where the artifact service is not offered, the reason; undefined where it is. */
export function artifactServiceUnavailable(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (!env.ACTIONS_RUNTIME_TOKEN || !env.ACTIONS_RESULTS_URL) return 'the runner offers no artifact service (`ACTIONS_RUNTIME_TOKEN` and `ACTIONS_RESULTS_URL` are unset)';
  const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase();
  // @actions/artifact's own test: its v4 artifacts exist on github.com and GHE.com only.
  if (host !== 'github.com' && !host.endsWith('.ghe.com') && !host.endsWith('.localhost')) return 'GitHub Enterprise Server has no v4 artifact service: keep the evidence with `store`, or upload `evidence-dir` with actions/upload-artifact@v3';
  return undefined;
}

/** The artifact's name: one per job and run attempt, so that matrix legs and re-runs do not collide. */
export function evidenceArtifactName(env: Readonly<Record<string, string | undefined>>, evidenceDir: string): string {
  const job = (env.GITHUB_JOB ?? 'job').replace(/[^A-Za-z0-9._-]/g, '-');
  return `${basename(evidenceDir)}-${job}`;
}

/** Uploads every file of the evidence directory; a failure is reported, never thrown (the decision stands). */
export async function uploadEvidenceArtifact(evidenceDir: string, env: Readonly<Record<string, string | undefined>>): Promise<EvidenceArtifact> {
  const unavailable = artifactServiceUnavailable(env);
  if (unavailable) return { uploaded: false, reason: unavailable };
  const name = evidenceArtifactName(env, evidenceDir);
  try {
    // The upload alone: the client's index also bundles its download side (unzip-stream), and
    // what the client adds before it, the GHES check, is done above. Node gives a CommonJS
    // module's exports by name and as `default`; the bundle's chunk of it only as `default`.
    type Upload = typeof import('@actions/artifact/lib/internal/upload/upload-artifact.js');
    const loaded = (await import('@actions/artifact/lib/internal/upload/upload-artifact.js')) as Partial<Upload> & { default: Upload };
    const uploadArtifact = loaded.uploadArtifact ?? loaded.default.uploadArtifact;
    const result = await uploadArtifact(name, filesUnder(evidenceDir), evidenceDir, {});
    return { uploaded: true, name, id: result.id ?? 0, size: result.size ?? 0 };
  } catch (error) {
    return { uploaded: false, reason: `the evidence was not uploaded as artifact \`${name}\`: ${(error as Error).message}` };
  }
}

// Every regular file below the directory (the append lock, a directory, is not evidence).
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.parentPath.endsWith('.lock'))
    .map((entry) => join(entry.parentPath, entry.name));
}
