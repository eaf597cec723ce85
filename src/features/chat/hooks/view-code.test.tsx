import { describe, expect, it } from 'vitest'
import { completionSamples, roomSamples } from './view-code'

describe('view code', () => {
  const samples = completionSamples({
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: "It's a test" }],
    temperature: 0.5,
  })

  it('writes the key as $ELIZACLOUD_API_KEY in every language, never a value', () => {
    for (const s of [...samples, ...roomSamples('a1', 'Hi')]) {
      expect(s.code).toContain('ELIZACLOUD_API_KEY')
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
