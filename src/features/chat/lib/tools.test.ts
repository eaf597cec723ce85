import { describe, expect, it } from 'vitest'
import { DEFAULT_PARAMS, type ChatParams } from '../storage/conversations'
import { buildRequest } from '../session/chat-session'
import { completionSamples } from './view-code'
import { EXAMPLE_TOOLS, paramsProblem, parseToolChoice, parseTools, samplingErrors } from './tools'

const TWO_TOOLS = JSON.stringify([
  { type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } },
  { type: 'function', function: { name: 'get_time' } },
])

const request = (params: Partial<ChatParams>) =>
  buildRequest('openai/gpt-4o-mini', { ...DEFAULT_PARAMS, ...params }, [
    { role: 'user', content: 'Weather in Paris?' },
  ])

describe('tool_choice in the completion request', () => {
  it('sends nothing for auto, the default', () => {
    expect(request({ tools: TWO_TOOLS })).not.toHaveProperty('tool_choice')
    expect(request({ tools: TWO_TOOLS, toolChoice: 'auto' })).not.toHaveProperty('tool_choice')
  })

  it('sends none and required as strings', () => {
    expect(request({ tools: TWO_TOOLS, toolChoice: 'none' }).tool_choice).toBe('none')
    expect(request({ tools: TWO_TOOLS, toolChoice: 'required' }).tool_choice).toBe('required')
  })

  it('sends a named function in OpenAI’s shape', () => {
    const body = request({ tools: TWO_TOOLS, toolChoice: { name: 'get_time' } })
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'get_time' } })
    expect(body.tools?.map((t) => t.function.name)).toEqual(['get_weather', 'get_time'])
  })

  it('never sends a choice without tools (OpenAI refuses that)', () => {
    expect(request({ tools: '', toolChoice: 'required' })).not.toHaveProperty('tool_choice')
    // Invalid tool text is not sent, so neither is the choice.
    expect(request({ tools: '[{"type":"function"}]', toolChoice: 'none' })).not.toHaveProperty(
      'tool_choice',
    )
  })

  it('refuses a named function that is not among the tools, and does not send it', () => {
    const tools = parseTools(EXAMPLE_TOOLS)
    expect(parseToolChoice({ name: 'get_time' }, tools)).toEqual({
      ok: false,
      error: 'No tool named "get_time" is defined.',
    })
    expect(parseToolChoice({ name: 'get_weather' }, tools)).toEqual({
      ok: true,
      value: { type: 'function', function: { name: 'get_weather' } },
    })
    expect(request({ tools: EXAMPLE_TOOLS, toolChoice: { name: 'get_time' } })).not.toHaveProperty(
      'tool_choice',
    )
  })

  it('appears in View code (curl, TypeScript and Python)', () => {
    const body = request({ tools: TWO_TOOLS, toolChoice: { name: 'get_time' } })
    const [curl, ts, py] = completionSamples(body, {
      origin: 'https://cloud.example',
      keyVariable: 'CONSOLE_KEY_VAR',
    })
    expect(curl?.code).toContain('"tool_choice": {')
    expect(curl?.code).toContain('"name": "get_time"')
    expect(ts?.code).toContain('tool_choice: {"type":"function","function":{"name":"get_time"}}')
    expect(py?.code).toContain('tool_choice={')
    expect(py?.code).toContain('"name": "get_time"')
  })
})

describe('paramsProblem', () => {
  const tool = JSON.stringify([{ type: 'function', function: { name: 'get_time' } }])
  it('is null when everything can go out as typed', () => {
    expect(paramsProblem({})).toBeNull()
    expect(paramsProblem({ tools: tool, toolChoice: { name: 'get_time' } })).toBeNull()
  })
  it('names the first field that cannot', () => {
    expect(paramsProblem({ tools: '[' })).toMatch(/^Tools: /)
    expect(paramsProblem({ tools: tool, toolChoice: { name: 'nope' } })).toBe(
      'Tool choice: No tool named "nope" is defined.',
    )
    expect(paramsProblem({ responseSchema: '{}' })).toBe(
      'Structured output: The schema needs a "type" (e.g. "object").',
    )
  })
})

describe('samplingErrors', () => {
  it('refuses values the API refuses, field by field', () => {
    expect(
      samplingErrors({ temperature: 2, topP: 0, maxTokens: 1, stop: ['a', 'b', 'c', 'd'] }),
    ).toEqual({})
    expect(
      samplingErrors({
        temperature: 2.5,
        topP: 1.2,
        maxTokens: 0,
        stop: ['a', 'b', 'c', 'd', 'e'],
      }),
    ).toEqual({
      temperature: 'Between 0 and 2.',
      topP: 'Between 0 and 1.',
      maxTokens: 'At least 1.',
      stop: 'At most 4 sequences.',
    })
    expect(samplingErrors({ maxTokens: 20_000 }, 16_384)).toEqual({
      maxTokens: 'At most 16,384 for this model.',
    })
    expect(paramsProblem({ temperature: -1 })).toBe('Temperature: Between 0 and 2.')
  })
})
