import { describe, expect, it } from 'vitest'
import { completionSamples, roomSamples } from './view-code'

describe('view code', () => {
  // The name comes from the proxy (/_console/info); any name must be written as the variable.
  const KEY_VAR = 'CONSOLE_TEST_KEY_VAR'
  const samples = completionSamples(
    {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: "It's a test" }],
      temperature: 0.5,
    },
    KEY_VAR,
  )

  it("writes the key as the proxy's key variable in every language, never a value", () => {
    const [curl, ts, py] = samples
    expect(curl?.code).toContain(`$${KEY_VAR}`)
    expect(ts?.code).toContain(`process.env.${KEY_VAR}`)
    expect(py?.code).toContain(`os.environ["${KEY_VAR}"]`)
    for (const s of [...samples, ...roomSamples('a1', 'Hi', KEY_VAR)]) {
      expect(s.code).toContain(KEY_VAR)
      expect(s.code).not.toMatch(/eliza_[0-9a-f]{8,}/)
    }
  })

  it('quotes the body for the shell and passes the parameters to the SDKs', () => {
    const [curl, ts, py] = samples
    expect(curl?.code).toContain(`It'\\''s a test`)
    expect(curl?.code).toContain('"stream": true')
    expect(ts?.code).toContain('temperature: 0.5,')
    expect(py?.code).toContain('temperature=0.5,')
    expect(py?.code).toContain('stream=True')
  })
})
