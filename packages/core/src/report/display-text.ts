// attacker-controlled: targets and reasons come from the agent. Text shown to a person (a
// terminal, a log, a summary) must show what is there, not what control sequences make it look
// like, and must never be read by a CI runner as a command of its own.

// C0 controls but tab and newline, DEL, C1 controls, and the bidi overrides and isolates that
// reorder what a reader sees (Trojan Source).
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Text with control sequences made visible (`\x1b`, `\u202e`), so a displayed decision cannot be spoofed. */
export function displayText(text: string): string {
  return text.replace(CONTROLS, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Text a CI runner would read as commands, neutralised for every provider at once (a local run
 * may still print into any CI's log): Azure Pipelines acts on `##vso[` and `##[` anywhere in a
 * line (its own neutraliser writes `**vso[`), GitHub Actions on `::` at the start of a line.
 */
export function neutraliseLogCommands(text: string): string {
  return text.replace(/##(vso)?\[/gi, (match) => `**${match.slice(2)}`).replace(/^(\s*):(?=:)/gm, '$1:\u200b');
}
