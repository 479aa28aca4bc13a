import { CavraError } from '../errors.ts';
import type { AgentToolCall } from '../session/tool-call.ts';
import type { HookAgent, HookEvent } from './protocol.ts';

/** The event as an object, or `ERR_HOOK_EVENT_INVALID`. */
export function eventObject(value: unknown, agent: HookAgent): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidEvent(agent, 'expected a JSON object');
  return value as Record<string, unknown>;
}

export function invalidEvent(agent: HookAgent, why: string): CavraError {
  return new CavraError('ERR_HOOK_EVENT_INVALID', `unreadable ${agent} hook event: ${why}`, {
    hint: `install the hook with \`cavra hook install ${agent}\`, which registers it for the events it reads`,
  });
}

export function requiredString(event: Record<string, unknown>, field: string, agent: HookAgent): string {
  const value = event[field];
  if (typeof value !== 'string' || value === '') throw invalidEvent(agent, `\`${field}\` must be a non-empty string`);
  return value;
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Tool input: an object, or a string holding a JSON object (Copilot's `toolArgs`, some Cursor versions). */
export function toolInput(value: unknown, field: string, agent: HookAgent): Record<string, unknown> {
  let input = value;
  if (typeof input === 'string') {
    try {
      input = JSON.parse(input);
    } catch {
      throw invalidEvent(agent, `\`${field}\` is a string that is not JSON`);
    }
  }
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input)) throw invalidEvent(agent, `\`${field}\` must be an object`);
  return input as Record<string, unknown>;
}

export function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/**
 * The tool event Claude Code, Codex and Gemini share: `hook_event_name`, `tool_name`,
 * `tool_input`, a call id, `session_id` and `cwd`. `extra` adds what one agent alone sends (and
 * may name the tool itself, as Gemini's MCP context does).
 */
export function toolEvent(
  value: unknown,
  agent: HookAgent,
  events: readonly string[],
  options: { idFields?: readonly string[]; extra?: (event: Record<string, unknown>) => Partial<AgentToolCall> } = {},
): HookEvent {
  const event = eventObject(value, agent);
  const name = requiredString(event, 'hook_event_name', agent);
  if (!events.includes(name)) throw invalidEvent(agent, `event \`${name}\` is not one cavra decides (${events.join(', ')})`);
  const cwd = optionalString(event.cwd);
  const sessionId = optionalString(event.session_id);
  const id = (options.idFields ?? ['tool_use_id']).map((field) => optionalString(event[field])).find((value) => value !== undefined);
  const extra = options.extra?.(event) ?? {};
  return {
    agent,
    event: name,
    call: {
      agent,
      tool: extra.tool ?? requiredString(event, 'tool_name', agent),
      input: toolInput(event.tool_input, 'tool_input', agent),
      ...(id ? { id } : {}),
      ...(sessionId ? { sessionId } : {}),
      ...extra,
    },
    ...(cwd ? { cwd } : {}),
  };
}
