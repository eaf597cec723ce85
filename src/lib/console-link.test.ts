import { describe, expect, it } from 'vitest'
import { consoleLink } from './console-link'

const CONSOLE = 'http://127.0.0.1:4000'
const SANDBOX = 'http://127.0.0.1:39127'
const ID = '0b7c6a52-3f7e-4c55-9d1e-1a2b3c4d5e6f'

describe('consoleLink', () => {
  it('leaves the cloud’s links as they are', () => {
    const url = `https://www.elizacloud.ai/chat/${ID}`
    expect(consoleLink(url, 'cloud', CONSOLE)).toBe(url)
  })

  it('sends the sandbox’s API links through the console’s proxy', () => {
    expect(consoleLink(`${SANDBOX}/api/agents/${ID}/a2a`, 'sandbox', CONSOLE)).toBe(
      `${CONSOLE}/api/agents/${ID}/a2a`,
    )
    expect(consoleLink(`${SANDBOX}/api/v1/models?x=1`, 'sandbox', CONSOLE)).toBe(
      `${CONSOLE}/api/v1/models?x=1`,
    )
  })

  it('turns the sandbox’s chat pages into the console’s chat with the agent', () => {
    expect(consoleLink(`${SANDBOX}/chat/${ID}`, 'sandbox', CONSOLE)).toBe(
      `${CONSOLE}/chat?agent=${ID}`,
    )
    expect(consoleLink(`${SANDBOX}/dashboard/chat?characterId=${ID}`, 'sandbox', CONSOLE)).toBe(
      `${CONSOLE}/chat?agent=${ID}`,
    )
  })

  it('keeps pages the sandbox serves itself, and what is not a URL', () => {
    const checkout = `${SANDBOX}/checkout/cs_test_1`
    expect(consoleLink(checkout, 'sandbox', CONSOLE)).toBe(checkout)
    expect(consoleLink('not a url', 'sandbox', CONSOLE)).toBe('not a url')
    const elsewhere = 'https://tools.example.com/api/mcp'
    expect(consoleLink(elsewhere, 'sandbox', CONSOLE)).toBe(elsewhere)
  })
})
