// The approvers file is read from the base commit through the API, never from the checked-out
// head: a pull request must not be able to name its own approvers.
import { APPROVERS_FILE, isCavraError, parseApprovers, type ApproversFile } from '@cavra/core';
import { apiFailure, httpStatusOf, type GitHubClient } from './github-client.ts';

export interface ApproversRead {
  approvers?: ApproversFile;
  /** Why there is none, when that is a problem worth saying (unreadable or invalid, not merely absent). */
  limitation?: string;
}

export async function readApproversAt(client: GitHubClient, owner: string, repo: string, ref: string): Promise<ApproversRead> {
  let text: string;
  try {
    const { data } = await client.rest.repos.getContent({ owner, repo, path: APPROVERS_FILE, ref });
    if (Array.isArray(data) || data.type !== 'file' || typeof data.content !== 'string' || data.encoding !== 'base64') {
      return { limitation: `\`${APPROVERS_FILE}\` at \`${ref.slice(0, 12)}\` is not a readable file (at most 1 MB)` };
    }
    text = Buffer.from(data.content, 'base64').toString('utf8');
  } catch (error) {
    if (httpStatusOf(error) === 404) return {};
    return { limitation: `\`${APPROVERS_FILE}\` could not be read from \`${ref.slice(0, 12)}\`: ${apiFailure(error)}` };
  }
  const file = `${APPROVERS_FILE}@${ref.slice(0, 12)}`;
  try {
    return { approvers: parseApprovers(text, file) };
  } catch (error) {
    if (isCavraError(error)) return { limitation: error.message };
    throw error;
  }
}
