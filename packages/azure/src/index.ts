// The Azure Pipelines edge: task inputs, pull-request context, status and approvals over @cavra/core.
export { readApproversAtBase } from './approvers-at-base.ts';
export { changedFileRequests } from './changed-files.ts';
export { openGitApi } from './devops-connection.ts';
export { readPullRequest } from './pull-request-context.ts';
export type { PullRequestSnapshot } from './pull-request-context.ts';
export { pullRequestRefOf } from './pull-request-ref.ts';
export type { PullRequestRef, ReadVariable } from './pull-request-ref.ts';
export { STATUS_CONTEXT, errorStatus, gateStatus, postPullRequestStatus } from './pull-request-status.ts';
export { APPROVING_VOTES, approvalsFromVotes, isServiceIdentity, voteEventsOf } from './reviewer-votes.ts';
export type { VoteEvent } from './reviewer-votes.ts';
export { AZURE_OIDC_AUDIENCE, runTask } from './run-task.ts';
export type { RunTaskOptions, TaskLib } from './run-task.ts';
export { readRunContext, readTaskInputs } from './task-inputs.ts';
export type { AzureRunContext, AzureTaskInputs, TaskInputReader, TaskSigning } from './task-inputs.ts';
export { TASK_RESULT, reportToPipeline } from './task-report.ts';
export type { TaskReporter } from './task-report.ts';
export { AZURE_OIDC_ISSUER_BASE, prepareSigning } from './task-signing.ts';
