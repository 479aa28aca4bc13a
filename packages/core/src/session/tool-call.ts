// One vocabulary for what agents call their tools. A tool call, as a hook event or a session
// record reports it, becomes the requests the decision engine judges today: no new action types,
// so upstream packs and the decision corpus keep their meaning. The original tool name and
// tool-call id travel in the request (`tool_name`, `tool_use_id`), and so into the evidence.
import type { ActionRequest } from '../decision/types.ts';
import { applyPatchPaths } from './apply-patch.ts';
import { mcpIdentityFields, type McpServerIdentity } from './mcp-identity.ts';
import { repositoryPath, type PathScope } from './paths.ts';
import { shellQuote, shellLine } from './shell-quote.ts';

/** The action type of a tool we do not know: evaluate() gives it the engine's default for unknown actions. */
export const UNKNOWN_TOOL_ACTION = 'agent_tool';

/** One tool call as an agent reports it, before it is judged. attacker-controlled: every field. */
export interface AgentToolCall {
  /** `claude-code`, `codex`, `gemini`, `cursor` or `copilot`. */
  agent: string;
  /** The tool's name as the agent spells it. */
  tool: string;
  /** The agent's tool-call id, when it has one. */
  id?: string;
  input: Record<string, unknown>;
  sessionId?: string;
  /** The MCP server's identity, when the event carries it (Gemini's `mcp_context`). */
  mcpServer?: McpServerIdentity;
  /** The MCP server's name when the event names it apart from the tool name. */
  mcpServerName?: string;
}

type Kind = 'shell' | 'read' | 'write' | 'web_fetch' | 'web_search' | 'internal';

// Tool names by kind, lower-cased. Sources: docs/agents/*.md.
const TOOL_KINDS: ReadonlyMap<string, Kind> = new Map([
  ...['bash', 'powershell', 'shell', 'local_shell', 'exec_command', 'container.exec', 'run_shell_command', 'run_terminal_cmd', 'terminal'].map((n) => [n, 'shell'] as const),
  ...['read', 'read_file', 'view', 'glob', 'grep', 'ls', 'list_directory', 'read_many_files', 'search_file_content', 'list_dir', 'codebase_search', 'file_search', 'grep_search'].map((n) => [n, 'read'] as const),
  ...['write', 'edit', 'multiedit', 'notebookedit', 'write_file', 'replace', 'create', 'apply_patch', 'strreplace', 'delete', 'delete_file', 'edit_file', 'search_replace', 'str_replace_editor'].map((n) => [n, 'write'] as const),
  ...['webfetch', 'web_fetch', 'fetch'].map((n) => [n, 'web_fetch'] as const),
  ...['websearch', 'web_search', 'google_web_search'].map((n) => [n, 'web_search'] as const),
  // Tools that act only on the conversation (plans, to-do lists, questions to the user, a
  // subagent whose own tool calls are hooked and recorded one by one): nothing to decide.
  ...['todowrite', 'todoread', 'exitplanmode', 'enterplanmode', 'askuserquestion', 'task', 'agent', 'update_plan', 'write_todos', 'save_memory'].map((n) => [n, 'internal'] as const),
]);

/** Whether a tool acts only on the conversation, so that no request is made of it. */
export function isInternalTool(tool: string): boolean {
  return TOOL_KINDS.get(tool.toLowerCase()) === 'internal';
}

/**
 * The requests one tool call makes: usually one; one per file for a patch or a multi-file
 * edit; none for an internal tool. An unknown tool yields one request of type `agent_tool`,
 * never nothing.
 */
export function toolCallRequests(call: AgentToolCall, scope: PathScope = {}): ActionRequest[] {
  const base: ActionRequest = {
    ...(call.sessionId ? { session_id: call.sessionId } : {}),
    agent_id: call.agent,
    tool_name: call.tool,
    ...(call.id ? { tool_use_id: call.id } : {}),
  };
  const mcp = mcpToolOf(call);
  if (mcp) {
    return [{ ...base, action_type: 'mcp_tool_call', server: mcp.server, tool: mcp.tool, target: `${mcp.server}:${mcp.tool}`, ...(call.mcpServer ? mcpIdentityFields(call.mcpServer) : {}) }];
  }
  const input = call.input;
  switch (TOOL_KINDS.get(call.tool.toLowerCase())) {
    case 'internal':
      return [];
    case 'shell': {
      const command = commandOf(input);
      const cwd = firstString(input.cwd, input.workdir, input.directory, input.dir_path);
      return [{ ...base, action_type: 'execute_command', target: command, ...(cwd ? { cwd: repositoryPath(cwd, scope) } : {}) }];
    }
    case 'read':
      if (hasOddPath(input, READ_PATH_FIELDS)) return [unknownToolRequest(base, call)];
      return [{ ...base, action_type: 'read_file', target: repositoryPath(firstString(...READ_PATH_FIELDS.map((field) => input[field])) ?? '.', scope) }];
    case 'write':
      if (hasOddPath(input, WRITE_PATH_FIELDS)) return [unknownToolRequest(base, call)];
      return writePaths(call).map((path) => ({ ...base, action_type: 'write_file', target: repositoryPath(path, scope) }));
    case 'web_fetch': {
      // Network egress as the command that would do it, so the pack's command rules judge it.
      const url = firstString(input.url, input.uri) ?? firstUrl(firstString(input.prompt) ?? '') ?? '';
      return [{ ...base, action_type: 'execute_command', target: `curl --location -- ${shellQuote(url)}`, network_egress: { kind: 'fetch', url } }];
    }
    case 'web_search': {
      const query = firstString(input.query, input.q, input.search_term) ?? '';
      return [{ ...base, action_type: 'execute_command', target: `curl --get --data-urlencode ${shellQuote(`q=${query}`)} -- https://web-search.invalid/`, network_egress: { kind: 'search', query } }];
    }
    default:
      return [unknownToolRequest(base, call)];
  }
}

const READ_PATH_FIELDS = ['file_path', 'path', 'absolute_path', 'notebook_path', 'target_file', 'dir_path', 'target_directory'] as const;
const WRITE_PATH_FIELDS = ['file_path', 'path', 'notebook_path', 'absolute_path', 'target_file', 'filePath'] as const;

// A path field that holds something other than a string (`"file_path": ["x", ".env"]`): what
// the tool opens is unknown, so the call is judged as an unknown tool, never as a read of `.`.
function hasOddPath(input: Record<string, unknown>, fields: readonly string[]): boolean {
  return fields.some((field) => input[field] !== undefined && input[field] !== null && typeof input[field] !== 'string');
}

function unknownToolRequest(base: ActionRequest, call: AgentToolCall): ActionRequest {
  return { ...base, action_type: UNKNOWN_TOOL_ACTION, target: call.tool, requested_operation: call.tool };
}

/** `mcp__<server>__<tool>` (Claude Code, Codex), or the server named apart from the tool (Gemini, Codex exec). */
export function mcpToolOf(call: Pick<AgentToolCall, 'tool' | 'mcpServerName' | 'mcpServer'>): { server: string; tool: string } | undefined {
  if (call.mcpServerName) return { server: call.mcpServerName, tool: call.tool.startsWith('mcp__') ? (splitMcpName(call.tool)?.tool ?? call.tool) : call.tool };
  return splitMcpName(call.tool);
}

function splitMcpName(name: string): { server: string; tool: string } | undefined {
  if (!name.startsWith('mcp__')) return undefined;
  const rest = name.slice(5);
  const cut = rest.indexOf('__');
  if (cut <= 0 || cut === rest.length - 2) return undefined;
  return { server: rest.slice(0, cut), tool: rest.slice(cut + 2) };
}

function commandOf(input: Record<string, unknown>): string {
  const command = input.command ?? input.cmd;
  if (Array.isArray(command)) {
    const argv = command.map(String);
    // Codex runs `["bash", "-lc", "<line>"]`: the line is what runs.
    if (argv.length === 3 && /^(ba|z|da)?sh$/.test(argv[0]!.replace(/^.*\//, '')) && /^-l?c$/.test(argv[1]!)) return argv[2]!;
    return shellLine(argv);
  }
  return typeof command === 'string' ? command : '';
}

function writePaths(call: AgentToolCall): string[] {
  const input = call.input;
  const tool = call.tool.toLowerCase();
  if (Array.isArray(input.changes)) {
    const paths = input.changes.map((change) => firstString((change as Record<string, unknown>)?.path)).filter((p): p is string => p !== undefined);
    if (paths.length > 0) return paths;
  }
  if (tool === 'apply_patch') {
    const patch = firstString(input.patch, input.input, input.command) ?? '';
    const paths = applyPatchPaths(patch);
    // A patch we cannot read still writes somewhere: judge it as the repository itself.
    return paths.length > 0 ? paths : ['.'];
  }
  return [firstString(...WRITE_PATH_FIELDS.map((field) => input[field])) ?? '.'];
}

function firstString(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

function firstUrl(text: string): string | undefined {
  return /\bhttps?:\/\/[^\s"'<>]+/i.exec(text)?.[0];
}
