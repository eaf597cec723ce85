/**
 * Copyable client configurations for a public service (docs/discover.md §Client configurations).
 * Pure: endpoint, name and the NAME of the key variable in, text out. The key itself is never
 * known here; every config refers to the variable the local proxy names (`/_console/info`).
 */
import { shellQuote } from '@/lib/code-samples'

export type McpClientId = 'claude-desktop' | 'cursor' | 'vscode'

export type McpClientConfig = {
  id: McpClientId
  /** Tab label. */
  label: string
  /** Where the JSON goes, as the client's docs say. */
  file: string
  /** The JSON to paste (merged into the file's existing servers object). */
  code: string
  /** How the key reaches the client: what the user still has to do. */
  keyNote: string
}

/**
 * A server name that every client accepts: VS Code asks for letters, digits, `-` and `_`, starting
 * with a letter; the others take any key but a short slug is what users expect to see.
 */
export function serverName(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '')
  if (!slug) return 'elizacloud'
  return /^[a-z]/.test(slug) ? slug : `elizacloud-${slug}`
}

const json = (value: unknown) => JSON.stringify(value, null, 2)

/**
 * Claude Desktop reaches a remote server through the `mcp-remote` stdio bridge. The bridge
 * expands `${VAR}` in `--header` values from its own environment; Claude Desktop passes `env`
 * values literally, and some clients split `args` at spaces, hence the header without spaces
 * and the bearer value in `env` (mcp-remote README, "Custom Headers").
 */
function claudeDesktop(name: string, url: string, keyVariable: string): McpClientConfig {
  return {
    id: 'claude-desktop',
    label: 'Claude Desktop',
    file: 'claude_desktop_config.json (Settings → Developer → Edit Config)',
    code: json({
      mcpServers: {
        [name]: {
          command: 'npx',
          args: ['-y', 'mcp-remote', url, '--header', 'Authorization:${AUTH_HEADER}'],
          env: { AUTH_HEADER: `Bearer $${keyVariable}` },
        },
      },
    }),
    keyNote: `Claude Desktop does not expand variables in "env": replace $${keyVariable} with your key in this file, and keep the file private. Needs Node.js for npx.`,
  }
}

/** Cursor talks HTTP itself and interpolates `${env:NAME}` in headers (Cursor MCP docs). */
function cursor(name: string, url: string, keyVariable: string): McpClientConfig {
  return {
    id: 'cursor',
    label: 'Cursor',
    file: '~/.cursor/mcp.json, or .cursor/mcp.json in a project',
    code: json({
      mcpServers: {
        [name]: { url, headers: { Authorization: `Bearer \${env:${keyVariable}}` } },
      },
    }),
    keyNote: `Cursor reads ${keyVariable} from the environment it was started in.`,
  }
}

/**
 * VS Code: a `servers` object, `type: "http"` (it falls back to SSE by itself), headers with
 * VS Code's `${env:NAME}` predefined variable (VS Code MCP configuration reference).
 */
function vscode(name: string, url: string, keyVariable: string): McpClientConfig {
  return {
    id: 'vscode',
    label: 'VS Code',
    file: '.vscode/mcp.json, or the user mcp.json (MCP: Open User Configuration)',
    code: json({
      servers: {
        [name]: {
          type: 'http',
          url,
          headers: { Authorization: `Bearer \${env:${keyVariable}}` },
        },
      },
    }),
    keyNote: `VS Code reads ${keyVariable} from the environment it was started in.`,
  }
}

/** One MCP server as a client configuration names it: its name, endpoint and key variable. */
export type McpServerRef = { name: string; mcpEndpoint: string; keyVariable: string }

/** The MCP configurations of one server, one per client, in tab order. */
export function buildMcpClientConfigs({
  name,
  mcpEndpoint,
  keyVariable,
}: McpServerRef): McpClientConfig[] {
  const server = serverName(name)
  return [
    claudeDesktop(server, mcpEndpoint, keyVariable),
    cursor(server, mcpEndpoint, keyVariable),
    vscode(server, mcpEndpoint, keyVariable),
  ]
}

/**
 * The agent card lives at the agent's A2A endpoint itself: `GET /api/agents/{id}/a2a` answers the
 * card, `POST` the JSON-RPC methods (docs/discover.md §Agent card). A fetch of it as curl, for
 * a quick check; the card needs no key.
 */
export function agentCardCurl(a2aEndpoint: string): string {
  return `curl -s ${shellQuote(a2aEndpoint)}`
}

/** One `chat` call to the agent, billed to the caller's key (docs/discover.md §Per-agent chat). */
export function agentChatCurl(a2aEndpoint: string, keyVariable: string): string {
  const body = json({
    jsonrpc: '2.0',
    id: 1,
    method: 'chat',
    params: { messages: [{ role: 'user', content: 'Hello!' }] },
  })
  return [
    `curl -s -X POST ${shellQuote(a2aEndpoint)} \\`,
    `  -H "Authorization: Bearer $${keyVariable}" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(body)}`,
  ].join('\n')
}
