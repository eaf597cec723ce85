/**
 * Links the upstream builds from its own origin (share links, A2A and MCP endpoints, agent cards).
 * From the cloud they open the cloud's pages and APIs as they are. The sandbox builds them from its
 * internal address (a loopback port that changes at every start, where no console page answers), so
 * there they are rewritten to this console: API paths go through the console's proxy, which holds
 * the key, and the cloud's chat pages become the console's chat with that agent
 * (docs/agents.md §Share links).
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function consoleLink(
  url: string,
  upstream: 'sandbox' | 'cloud',
  consoleOrigin: string,
): string {
  if (upstream !== 'sandbox') return url
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url
  }
  // the sandbox listens on loopback; anything else (a public MCP server's own host) stays as it is
  if (!LOOPBACK.has(parsed.hostname)) return url
  if (parsed.pathname.startsWith('/api/')) {
    return `${consoleOrigin}${parsed.pathname}${parsed.search}`
  }
  const agentId =
    /^\/chat\/([\w-]+)\/?$/.exec(parsed.pathname)?.[1] ??
    (parsed.pathname === '/dashboard/chat' ? parsed.searchParams.get('characterId') : null)
  if (agentId) return `${consoleOrigin}/chat?${new URLSearchParams({ agent: agentId })}`
  return url
}
