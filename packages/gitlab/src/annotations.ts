// `artifacts:reports:annotations`: links shown on the job page (GitLab 16.3+).
// https://docs.gitlab.com/ci/yaml/artifacts_reports/#artifactsreportsannotations

/** The annotations report's file name, as the component declares it. */
export const GITLAB_ANNOTATIONS_FILE = 'cavra-annotations.json';

export interface EvidenceLinks {
  /** `CI_JOB_URL`. */
  jobUrl?: string;
  /** The evidence directory, relative to the project directory. */
  evidenceDir: string;
  /** Where the evidence was stored, when that is a web URL. */
  storedUrl?: string;
}

/** The annotations report: a link to the evidence in the job's artifacts (and to the stored copy when it is a web URL). */
export function renderGitlabAnnotations(links: EvidenceLinks): string {
  const items: { external_link: { label: string; url: string } }[] = [];
  if (links.jobUrl) {
    const dir = links.evidenceDir.replace(/^\.\/+/, '').replace(/\/+$/, '').split('/').map(encodeURIComponent).join('/');
    items.push({ external_link: { label: 'CAVRA evidence (signed bundle and decision log)', url: `${links.jobUrl.replace(/\/+$/, '')}/artifacts/browse/${dir}/` } });
  }
  if (links.storedUrl && /^https:\/\//.test(links.storedUrl)) items.push({ external_link: { label: 'CAVRA evidence, stored copy', url: links.storedUrl } });
  return `${JSON.stringify({ cavra: items }, null, 2)}\n`;
}
