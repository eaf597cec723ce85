import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { ClientConfigPanel } from './client-config-panel'

afterEach(cleanup)

const A2A = 'https://www.elizacloud.ai/api/agents/3f6c2a10-8b7d-4e21-9c55-0d1e2f3a4b5c/a2a'
const MCP = 'https://www.elizacloud.ai/api/agents/3f6c2a10-8b7d-4e21-9c55-0d1e2f3a4b5c/mcp'

const same = (url: string) => url

describe('ClientConfigPanel', () => {
  it('shows the card URL and one tab per MCP client, with the proxy-named variable', () => {
    render(
      <ClientConfigPanel
        name="Support Bot"
        a2aEndpoint={A2A}
        mcpEndpoint={MCP}
        keyVariable="MY_CLOUD_KEY"
        link={same}
      />,
    )
    expect(
      (screen.getByRole('textbox', { name: 'A2A agent card URL' }) as HTMLInputElement).value,
    ).toBe(A2A)
    expect((screen.getByRole('textbox', { name: 'MCP endpoint' }) as HTMLInputElement).value).toBe(
      MCP,
    )
    const tabs = screen.getAllByRole('tab').map((t) => t.textContent)
    expect(tabs).toEqual(['Claude Desktop', 'Cursor', 'VS Code'])
    expect(screen.getByLabelText('Claude Desktop MCP configuration').textContent).toContain(
      '"AUTH_HEADER": "Bearer $MY_CLOUD_KEY"',
    )
    // Radix tabs activate on mousedown (and with the arrow keys).
    fireEvent.mouseDown(screen.getByRole('tab', { name: 'VS Code' }))
    const vscode = screen.getByLabelText('VS Code MCP configuration').textContent ?? ''
    expect(vscode).toContain('"type": "http"')
    expect(vscode).toContain('${env:MY_CLOUD_KEY}')
    expect(screen.getByLabelText('A2A chat request (curl)').textContent).toContain(
      'Bearer $MY_CLOUD_KEY',
    )
  })

  it('waits for the key variable before writing any configuration', () => {
    render(
      <ClientConfigPanel name="Weather Tools" mcpEndpoint={MCP} keyVariable={null} link={same} />,
    )
    expect(screen.getByRole('textbox', { name: 'MCP endpoint' })).toBeTruthy()
    expect(screen.queryByRole('tab')).toBeNull()
    expect(screen.getByLabelText('Waiting for the local proxy')).toBeTruthy()
  })

  it('says so when there is no endpoint at all', () => {
    render(<ClientConfigPanel name="Nothing" keyVariable="K" link={same} />)
    expect(screen.getByText('This service advertises no endpoint to connect to.')).toBeTruthy()
  })

  it('shows every endpoint as the link function makes it (the sandbox’s, through the console)', () => {
    const sandboxA2a = 'http://127.0.0.1:39127/api/agents/x/a2a'
    render(
      <ClientConfigPanel
        name="Local"
        a2aEndpoint={sandboxA2a}
        keyVariable="K"
        link={(url) => url.replace('http://127.0.0.1:39127', 'http://127.0.0.1:4000')}
      />,
    )
    expect(
      (screen.getByRole('textbox', { name: 'A2A agent card URL' }) as HTMLInputElement).value,
    ).toBe('http://127.0.0.1:4000/api/agents/x/a2a')
    expect(screen.getByLabelText('A2A chat request (curl)').textContent).toContain(
      'http://127.0.0.1:4000/api/agents/x/a2a',
    )
  })
})
