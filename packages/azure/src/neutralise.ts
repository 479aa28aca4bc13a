// The agent turns any line holding `##vso[` into a logging command (set a variable, complete the
// task, upload a file …) and treats `##[` prefixes as formatting commands. Agent text (targets,
// commands, reasons, file names from a session) reaches the log and the summary; it is made
// inert here, in every line, by breaking the marker with a zero-width joiner that a reader does
// not see. Logging commands the task itself writes go through azure-pipelines-task-lib only.

const MARKER = /#(#(?:vso)?\[)/gi;

/** The text with every `##vso[` and `##[` marker broken so the agent never reads a command in it. */
export function neutraliseLoggingCommands(text: string): string {
  return text.replace(MARKER, '#\u200d$1');
}

/** True when a line would be read as a logging or formatting command. */
export function holdsLoggingCommand(text: string): boolean {
  return /##(vso)?\[/i.test(text);
}
