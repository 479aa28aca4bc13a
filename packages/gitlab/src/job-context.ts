// The GitLab job as its predefined variables describe it, read once at the edge.
// https://docs.gitlab.com/ci/variables/predefined_variables/

/** What the adapter needs of the job's environment. */
export interface GitlabJob {
  /** `CI_API_V4_URL`, e.g. `https://gitlab.example.com/api/v4`. */
  apiUrl: string;
  serverUrl: string;
  /** The project the merge request belongs to (the target project; differs from the job's project in fork pipelines). */
  projectId: string;
  projectPath: string;
  /** The merge request's IID; absent outside merge request pipelines. */
  mergeRequestIid?: number;
  /** `detached`, `merged_result` or `merge_train`. */
  mergeRequestEventType?: string;
  /** The merge request's head: the source branch SHA in merged-results pipelines, else `CI_COMMIT_SHA`. */
  headSha: string;
  /** The commit the pipeline runs on (a merge commit in merged-results pipelines). */
  commitSha: string;
  diffBaseSha?: string;
  targetBranch?: string;
  labels: readonly string[];
  jobUrl?: string;
  /** A project or group access token (`api` scope) for reading more and posting the note; never `CI_JOB_TOKEN`. */
  token?: string;
}

/** The variable that holds an optional project or group access token. */
export const GITLAB_TOKEN_VARIABLE = 'CAVRA_GITLAB_TOKEN';

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the job from GitLab's predefined variables; undefined when not in a GitLab job. */
export function readGitlabJob(env: Env): GitlabJob | undefined {
  if (env.GITLAB_CI !== 'true') return undefined;
  const value = (name: string) => {
    const text = env[name]?.trim();
    return text ? text : undefined;
  };
  const serverUrl = value('CI_SERVER_URL') ?? 'https://gitlab.com';
  const commitSha = value('CI_COMMIT_SHA') ?? '';
  const iid = Number(value('CI_MERGE_REQUEST_IID'));
  const token = value(GITLAB_TOKEN_VARIABLE);
  const optional = <K extends string>(key: K, text: string | undefined) => (text === undefined ? {} : ({ [key]: text } as Record<K, string>));
  return {
    apiUrl: value('CI_API_V4_URL') ?? `${serverUrl.replace(/\/$/, '')}/api/v4`,
    serverUrl,
    projectId: value('CI_MERGE_REQUEST_PROJECT_ID') ?? value('CI_PROJECT_ID') ?? '',
    projectPath: value('CI_MERGE_REQUEST_PROJECT_PATH') ?? value('CI_PROJECT_PATH') ?? '',
    ...(Number.isInteger(iid) && iid > 0 ? { mergeRequestIid: iid } : {}),
    ...optional('mergeRequestEventType', value('CI_MERGE_REQUEST_EVENT_TYPE')),
    headSha: value('CI_MERGE_REQUEST_SOURCE_BRANCH_SHA') ?? commitSha,
    commitSha,
    ...optional('diffBaseSha', value('CI_MERGE_REQUEST_DIFF_BASE_SHA')),
    ...optional('targetBranch', value('CI_MERGE_REQUEST_TARGET_BRANCH_NAME')),
    labels: (value('CI_MERGE_REQUEST_LABELS') ?? '').split(',').map((label) => label.trim()).filter((label) => label !== ''),
    ...optional('jobUrl', value('CI_JOB_URL')),
    ...optional('token', token),
  };
}
