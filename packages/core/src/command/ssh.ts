// `ssh [options] DESTINATION COMMAND…` hands COMMAND, its words joined by spaces, to the remote
// user's shell: it is a command line like any other (`ssh localhost terraform apply` applies).
// OpenSSH stops reading options at the first word that is not one, the destination.
import type { Word } from './types.ts';

// Options that take a value, attached (`-p22`) or as the next word (`-p 22`).
const VALUE_OPTIONS = new Set('BbcDEeFIiJLlmOoPpRSWw');

/** The words of the remote command, or undefined when the invocation runs none (`ssh -N -L …`, `ssh host`). */
export function sshRemoteCommand(words: readonly Word[]): Word[] | undefined {
  let index = 1;
  while (index < words.length) {
    const word = words[index]!.value;
    if (word === '--') {
      index += 1;
      break;
    }
    if (!word.startsWith('-') || word === '-') break;
    let consumed = 1;
    for (let at = 1; at < word.length; at += 1) {
      if (!VALUE_OPTIONS.has(word[at]!)) continue;
      if (at === word.length - 1) consumed = 2;
      break;
    }
    index += consumed;
  }
  const command = words.slice(index + 1);
  return command.length > 0 ? command : undefined;
}
