// What `cavra hook install AGENT` writes: the agent's own hook configuration, merged into the
// file it already has, with every tool matched, a timeout, and the agent's fail-closed switch
// where it has one. Pure: the CLI reads and writes the file.
import { CavraError } from '../errors.ts';
import type { HookAgent } from './protocol.ts';

/** Seconds an agent waits for the hook; far above its start-up time, far below the agents' defaults of 60–600 s. */
export const HOOK_TIMEOUT_SECONDS = 30;

export interface HookInstallPlan {
  /** The settings file, relative to the repository root, unless `--settings` names another. */
  defaultFile: string;
  settings: Record<string, unknown>;
  /** What the user must know: the fail-closed switch, or that the agent has none. */
  notes: string[];
}

/** Merges cavra's hook entries into an agent's settings (an earlier cavra entry is replaced, other hooks are kept). */
export function planHookInstall(agent: HookAgent, existing: unknown, command: string): HookInstallPlan {
  const settings = settingsObject(existing, agent);
  switch (agent) {
    case 'claude-code': {
      const entry = { matcher: '*', hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS, onFailure: 'block' }] };
      return {
        defaultFile: '.claude/settings.json',
        settings: withEvents(settings, 'hooks', { PreToolUse: [entry], PermissionRequest: [entry] }, command),
        notes: ['fail-closed: `onFailure: "block"` makes a hook that cannot start, times out or crashes block the tool (Claude Code 2.1.295 and later; older versions ignore it and fail open)'],
      };
    }
    case 'codex': {
      const entry = { hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS }] };
      return {
        defaultFile: '.codex/hooks.json',
        settings: withEvents(settings, 'hooks', { PreToolUse: [entry], PermissionRequest: [entry] }, command),
        notes: [
          'fail-closed: Codex has no switch; a hook that crashes or times out lets the tool run (openai/codex#41979). cavra answers every error it can see with a deny',
          'Codex runs a project hook only once trusted (`/hooks`), or as a managed hook in `requirements.toml`; in CI pass `--dangerously-bypass-hook-trust` or install it managed',
          'Codex hooks do not see every tool (no read_file or web_search); the gate compares the rollout with the hook log to find what went around it',
        ],
      };
    }
    case 'gemini': {
      const entry = { matcher: '.*', hooks: [{ type: 'command', command, timeout: HOOK_TIMEOUT_SECONDS * 1000 }] };
      return {
        defaultFile: '.gemini/settings.json',
        settings: withEvents(settings, 'hooks', { BeforeTool: [entry] }, command),
        notes: ['fail-closed: Gemini CLI has no switch; a hook that times out or exits other than 0 or 2 is a warning and the tool runs. cavra answers every error it can see with a deny', 'Gemini CLI refuses project hooks in folders it does not trust'],
      };
    }
    case 'cursor': {
      const entry = { command, timeout: HOOK_TIMEOUT_SECONDS, failClosed: true };
      const events = { beforeShellExecution: [entry], beforeReadFile: [entry], beforeMCPExecution: [entry], preToolUse: [{ ...entry, matcher: '*' }] };
      return {
        defaultFile: '.cursor/hooks.json',
        settings: withEvents({ version: 1, ...settings }, 'hooks', events, command),
        notes: ['fail-closed: `failClosed: true` makes a crash, a timeout or an answer that is not JSON block the action'],
      };
    }
    case 'copilot': {
      const entry = { type: 'command', bash: command, powershell: command, timeoutSec: HOOK_TIMEOUT_SECONDS };
      return {
        defaultFile: '.github/hooks/cavra.json',
        settings: withEvents({ version: 1, ...settings }, 'hooks', { preToolUse: [entry] }, command),
        notes: ['fail-closed: Copilot has no switch, and exit codes never block; a hook that crashes or times out lets the tool run. cavra answers every error it can see with a JSON deny', 'the cloud agent treats "ask" as deny'],
      };
    }
  }
}

function withEvents(settings: Record<string, unknown>, key: string, events: Record<string, unknown[]>, command: string): Record<string, unknown> {
  const hooks = settings[key] === undefined ? {} : settings[key];
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks)) {
    throw new CavraError('ERR_CONFIG_INVALID', `the settings' \`${key}\` is not an object`, { hint: 'fix the settings file, or pass another with `--settings`' });
  }
  const merged: Record<string, unknown> = { ...(hooks as Record<string, unknown>) };
  for (const [event, entries] of Object.entries(events)) {
    const current = merged[event] === undefined ? [] : merged[event];
    if (!Array.isArray(current)) throw new CavraError('ERR_CONFIG_INVALID', `the settings' \`${key}.${event}\` is not an array`, { hint: 'fix the settings file, or pass another with `--settings`' });
    merged[event] = [...current.filter((entry) => !mentionsCommand(entry, command)), ...entries];
  }
  return { ...settings, [key]: merged };
}

// An entry cavra wrote before: it runs `cavra hook`, directly or in its nested `hooks`.
function mentionsCommand(entry: unknown, command: string): boolean {
  const text = JSON.stringify(entry) ?? '';
  return text.includes(JSON.stringify(command).slice(1, -1)) || /cavra(\.mjs)?"? hook /.test(text);
}

function settingsObject(existing: unknown, agent: HookAgent): Record<string, unknown> {
  if (existing === undefined) return {};
  if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) {
    throw new CavraError('ERR_CONFIG_INVALID', `the ${agent} settings are not a JSON object`, { hint: 'fix the settings file, or pass another with `--settings`' });
  }
  return existing as Record<string, unknown>;
}
