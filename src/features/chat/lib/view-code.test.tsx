import { describe, expect, it } from 'vitest'
import { CLOUD_ORIGIN } from '@/lib/code-samples'
import { codeTargetFor, completionSamples, roomSamples } from './view-code'

describe('view code', () => {
  // The name comes from the proxy (/_console/info); any name must be written as the variable.
  const KEY_VAR = 'CONSOLE_TEST_KEY_VAR'
  const cloud = codeTargetFor('cloud', KEY_VAR, 'http://127.0.0.1:4620')
  const samples = completionSamples(
    {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user', content: "It's a test" }],
      temperature: 0.5,
    },
    cloud,
  )

  it("writes the key as the proxy's key variable in every language, never a value", () => {
    const [curl, ts, py] = samples
    expect(curl?.code).toContain(`$${KEY_VAR}`)
    expect(ts?.code).toContain(`process.env.${KEY_VAR}`)
    expect(py?.code).toContain(`os.environ["${KEY_VAR}"]`)
    for (const s of [...samples, ...roomSamples('a1', 'Hi', cloud)]) {
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

  it("on the sandbox, calls the console's proxy, which adds the key: no key in the code", () => {
    const proxy = codeTargetFor('sandbox', KEY_VAR, 'http://127.0.0.1:4620')
    const request = {
      model: 'openai/gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'Hi' }],
    }
    const all = [...completionSamples(request, proxy), ...roomSamples('a1', 'Hi', proxy)]
    for (const s of all) {
      expect(s.code).toContain('http://127.0.0.1:4620')
      expect(s.code).not.toContain(CLOUD_ORIGIN)
      expect(s.code).not.toContain(KEY_VAR)
      expect(s.code).not.toContain('Authorization')
    }
    const [curl, ts, py] = completionSamples(request, proxy)
    expect(curl?.code).toMatch(
      /^curl http:\/\/127\.0\.0\.1:4620\/api\/v1\/chat\/completions \\\n {2}-H "Content-Type/,
    )
    expect(ts?.code).toContain("baseURL: 'http://127.0.0.1:4620/api/v1'")
    expect(py?.code).toContain('base_url="http://127.0.0.1:4620/api/v1"')
    // The cloud keeps its own origin and the key variable.
    expect(completionSamples(request, cloud)[0]?.code).toContain(
      `${CLOUD_ORIGIN}/api/v1/chat/completions`,
    )
  })
})
