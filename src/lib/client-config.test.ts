import { describe, expect, it } from 'vitest'
import { agentCardCurl, agentChatCurl, buildMcpClientConfigs, serverName } from './client-config'

const url = 'https://www.elizacloud.ai/api/mcp/user/weather-tools'

describe('serverName', () => {
  it('slugs a display name', () => {
    expect(serverName('Weather Tools')).toBe('weather-tools')
    expect(serverName('  Café  Bot!! ')).toBe('cafe-bot')
  })
  it('starts with a letter and is never empty', () => {
    expect(serverName('42 Answers')).toBe('elizacloud-42-answers')
    expect(serverName('***')).toBe('elizacloud')
    expect(serverName('x'.repeat(80))).toHaveLength(48)
  })
})

describe('buildMcpClientConfigs', () => {
  const configs = buildMcpClientConfigs({
    name: 'Weather Tools',
    mcpEndpoint: url,
    keyVariable: 'PROXY_KEY_VAR',
  })
  const byId = Object.fromEntries(configs.map((c) => [c.id, JSON.parse(c.code) as unknown]))

  it('has one config per client, in tab order', () => {
    expect(configs.map((c) => c.id)).toEqual(['claude-desktop', 'cursor', 'vscode'])
  })

  it('Claude Desktop goes through mcp-remote with a space-free header arg', () => {
    expect(byId['claude-desktop']).toEqual({
      mcpServers: {
        'weather-tools': {
          command: 'npx',
          args: ['-y', 'mcp-remote', url, '--header', 'Authorization:${AUTH_HEADER}'],
          env: { AUTH_HEADER: 'Bearer $PROXY_KEY_VAR' },
        },
      },
    })
  })

  it('Cursor uses url + headers with ${env:NAME}', () => {
    expect(byId.cursor).toEqual({
      mcpServers: {
        'weather-tools': { url, headers: { Authorization: 'Bearer ${env:PROXY_KEY_VAR}' } },
      },
    })
  })

  it('VS Code uses servers + type http', () => {
    expect(byId.vscode).toEqual({
      servers: {
        'weather-tools': {
          type: 'http',
          url,
          headers: { Authorization: 'Bearer ${env:PROXY_KEY_VAR}' },
        },
      },
    })
  })

  it('follows the variable the proxy names and never holds a key-shaped value', () => {
    const other = buildMcpClientConfigs({ name: 'x', mcpEndpoint: url, keyVariable: 'MY_KEY' })
    for (const c of other) {
      expect(c.code).toContain('MY_KEY')
      expect(c.code).not.toContain('PROXY_KEY_VAR')
      expect(c.code).not.toMatch(/eliza_[0-9a-f]/)
    }
  })
})

describe('agent card and chat curl', () => {
  const a2a = 'https://www.elizacloud.ai/api/agents/3f6c2a10-8b7d-4e21-9c55-0d1e2f3a4b5c/a2a'
  it('fetches the card without a key', () => {
    expect(agentCardCurl(a2a)).toBe(`curl -s '${a2a}'`)
  })
  it('posts chat with the key variable as a bearer', () => {
    const code = agentChatCurl(a2a, 'PROXY_KEY_VAR')
    expect(code).toContain('-H "Authorization: Bearer $PROXY_KEY_VAR"')
    const body = /-d '([\s\S]*)'$/.exec(code)?.[1]
    expect(JSON.parse(body ?? '')).toMatchObject({ method: 'chat', jsonrpc: '2.0' })
  })
})
