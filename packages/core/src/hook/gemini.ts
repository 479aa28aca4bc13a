// Gemini CLI hooks (geminicli.com/docs/hooks/reference): BeforeTool answers
// `{decision: "deny", reason}` on exit 0 (exit 2 also blocks, with stderr as the reason). Its
// event alone carries the MCP server's identity (`mcp_context`), so pins are checked here.
import type { McpServerIdentity } from '../session/mcp-identity.ts';
import { invalidEvent, json, optionalString, requiredString, toolEvent } from './event-fields.ts';
import type { AgentHookProtocol } from './protocol.ts';

export const geminiHook: AgentHookProtocol = {
  parse: (value) =>
    toolEvent(value, 'gemini', ['BeforeTool'], {
      idFields: ['tool_call_id', 'tool_use_id'],
      extra: (event) => {
        const mcp = mcpContext(event.mcp_context);
        return mcp ? { tool: mcp.tool, mcpServerName: mcp.server, mcpServer: mcp.identity } : {};
      },
    }),
  answer(outcome, reason, event) {
    if (!event) return { stdout: '', stderr: `cavra: ${reason}\n`, exitCode: 2 };
    // An allow says nothing, so Gemini's own confirmations still apply; it has no "ask" answer.
    if (outcome === 'allow') return { stdout: '{}\n', stderr: '', exitCode: 0 };
    return { stdout: json({ decision: 'deny', reason: outcome === 'ask' ? `needs approval: ${reason}` : reason }), stderr: '', exitCode: 0 };
  },
};

function mcpContext(value: unknown): { server: string; tool: string; identity: McpServerIdentity } | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidEvent('gemini', '`mcp_context` must be an object');
  const context = value as Record<string, unknown>;
  const server = requiredString(context, 'server_name', 'gemini');
  const tool = requiredString(context, 'tool_name', 'gemini');
  const args = context.args;
  if (args !== undefined && !(Array.isArray(args) && args.every((arg) => typeof arg === 'string'))) throw invalidEvent('gemini', '`mcp_context.args` must be an array of strings');
  const command = optionalString(context.command);
  const url = optionalString(context.url) ?? optionalString(context.httpUrl);
  return { server, tool, identity: { ...(command ? { command, args: (args as string[] | undefined) ?? [] } : {}), ...(url ? { url } : {}) } };
}
