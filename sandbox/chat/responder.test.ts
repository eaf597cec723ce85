// The deterministic responder, the schema value generator and the tokenizer helpers.
import { Ajv } from 'ajv'
import { beforeAll, describe, expect, it } from 'vitest'
import { comparedPair, composeReply, reflect, type ChatTurn } from './responder.ts'
import { valueForSchema } from './structured.ts'
import { encoderFor, tokenChunks, truncateToTokens } from './tokens.ts'
import { planToolCall } from './tools.ts'

const say = (content: string, extra: ChatTurn[] = []): ChatTurn[] => [
  ...extra,
  { role: 'user', content },
]

describe('composeReply', () => {
  it('same input → same output; a different input, seed or model → a different reply', () => {
    const base = { messages: say('I feel stuck on my thesis') }
    const a = composeReply(base)
    expect(composeReply(base)).toBe(a)
    expect(composeReply({ messages: say('I feel stuck on my code') })).not.toBe(a)
    const variants = new Set(
      [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => composeReply({ ...base, seed, model: 'x' })),
    )
    expect(variants.size).toBeGreaterThan(1)
  })

  it('decomposes and reassembles with pronoun reflection', () => {
    expect(reflect('I need my keys')).toBe('you need your keys')
    expect(composeReply({ messages: say('I feel anxious about my exam') })).toMatch(
      /anxious about your exam/i,
    )
    expect(composeReply({ messages: say('I want to learn the piano') })).toMatch(/learn the piano/)
  })

  it('remembers an earlier statement when nothing matches', () => {
    const history: ChatTurn[] = [
      { role: 'user', content: 'My sister is visiting next week.' },
      { role: 'assistant', content: 'That sounds nice.' },
    ]
    const replies = [1, 2, 3, 4].map((seed) =>
      composeReply({ messages: say('hmm', history), seed }),
    )
    expect(replies.some((r) => /your sister is visiting next week/.test(r))).toBe(true)
  })

  it('speaks as the persona and mentions its topics', () => {
    const persona = {
      name: 'Nova',
      bio: ['Nova guides people through the night sky.'],
      topics: ['astronomy', 'telescopes'],
      adjectives: ['friendly'],
    }
    const intro = composeReply({ messages: say('Who are you?'), persona })
    expect(intro).toMatch(/Nova/)
    expect(intro).toMatch(/night sky/)
    expect(intro).toMatch(/astronomy/)
    const fromSystem = composeReply({
      messages: say('hello', [{ role: 'system', content: 'You are Marvin, a gloomy robot.' }]),
    })
    expect(fromSystem).toMatch(/Marvin/)
  })

  it('writes markdown: a code block when asked for code, a list for steps', () => {
    expect(composeReply({ messages: say('Write a python function to reverse a string') })).toMatch(
      /```python\ndef reverse_string[\s\S]*```/,
    )
    expect(composeReply({ messages: say('Give me steps to learn Rust') })).toMatch(/\n1\. .+\n2\. /)
    expect(
      composeReply({ messages: say('Explain what a mutex is') }).split('. ').length,
    ).toBeGreaterThan(2)
  })

  it('answers a table or a comparison with a real GFM table', () => {
    const reply = composeReply({ messages: say('Compare Python and Rust in a table.') })
    const lines = reply.split('\n')
    const header = lines.findIndex((l) => l.startsWith('| Aspect | Python | Rust |'))
    expect(header).toBeGreaterThan(-1)
    expect(lines[header + 1]).toBe('| --- | --- | --- |')
    const rows = lines.slice(header + 2).filter((l) => l.startsWith('|'))
    expect(rows.length).toBeGreaterThanOrEqual(3)
    // Every row has the header's three cells.
    for (const row of rows) expect(row.split(' | ')).toHaveLength(3)
    expect(comparedPair('React vs Vue?')).toEqual(['React', 'Vue'])
    expect(comparedPair('the difference between TCP and UDP')).toEqual(['TCP', 'UDP'])
    // A table about one subject still has a header, a delimiter and rows.
    expect(composeReply({ messages: say('Make a table of project risks') })).toMatch(
      /\| Aspect \| What to look at in project risks \| Why it matters \|\n\| --- \| --- \| --- \|\n\| /,
    )
  })

  it('answers steps with sub-steps as a nested list', () => {
    const reply = composeReply({
      messages: say('Give me the steps to launch a website, with sub-steps.'),
    })
    // "1. …" then sub-items indented under it, then "2. …".
    expect(reply).toMatch(/\n1\. .+\n {3}- .+\n {3}- .+\n2\. .+\n {3}- /)
    expect(reply).not.toMatch(/table/i)
  })

  it('reports a tool result', () => {
    const reply = composeReply({
      messages: [
        ...say('weather in Rome?'),
        { role: 'tool', name: 'get_weather', content: '{"temp":25,"sky":"clear"}' },
      ],
    })
    expect(reply).toMatch(/`get_weather`[\s\S]*\*\*temp\*\*: 25/)
  })
})

describe('structured values and tool calls', () => {
  const ajv = new Ajv({ strict: false, logger: false })

  it('generates schema-valid values with $ref, enums, formats, bounds and nesting', () => {
    const schema = {
      type: 'object',
      $defs: { tag: { type: 'string', minLength: 2 } },
      properties: {
        id: { type: 'string', format: 'uuid' },
        level: { enum: ['low', 'high'] },
        score: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
        count: { type: 'integer', minimum: 5, maximum: 9 },
        tags: { type: 'array', items: { $ref: '#/$defs/tag' }, minItems: 3 },
        nested: {
          type: 'object',
          properties: { ok: { type: 'boolean' }, at: { type: 'string', format: 'date-time' } },
          required: ['ok', 'at'],
        },
        maybe: { anyOf: [{ type: 'null' }, { type: 'string' }] },
      },
      required: ['id', 'level', 'score', 'count', 'tags', 'nested', 'maybe'],
      additionalProperties: false,
    }
    for (const seed of [0, 1, 2, 3]) {
      const made = valueForSchema(schema, 'rate the deploy from 7 people', seed)
      expect(made.ok).toBe(true)
      if (made.ok) expect(ajv.validate(schema, made.value)).toBe(true)
    }
  })

  it('picks the tool the request is about, or none', () => {
    const tools = [
      { name: 'send_email', description: 'Send an email', parameters: { type: 'object' } },
      {
        name: 'get_stock_price',
        description: 'Latest stock price for a ticker',
        parameters: { type: 'object' },
      },
    ]
    const plan = (text: string, choice: 'auto' | 'required' = 'auto') =>
      planToolCall({
        tools,
        choice,
        lastUserText: text,
        lastIsToolResult: false,
        seed: 0,
        prefix: 'call_',
      })
    expect(plan('what is the stock price of ACME?')?.name).toBe('get_stock_price')
    expect(plan('please send an email to Bob')?.name).toBe('send_email')
    expect(plan('tell me a joke')).toBeNull()
    expect(plan('tell me a joke', 'required')?.name).toBe('send_email')
  })
})

describe('tokens', () => {
  // The rank table takes seconds to build on a busy machine: load it in a hook, not the test.
  beforeAll(() => encoderFor('openai/gpt-4o-mini'), 60_000)

  it('chunks reassemble exactly, also across multi-byte characters', async () => {
    const enc = await encoderFor('openai/gpt-4o-mini')
    const text = 'Grüße 👋🏽 — 東京 ```ts\nconst x = 1\n```'
    const chunks = tokenChunks(enc, text)
    expect(chunks.join('')).toBe(text)
    expect(chunks.length).toBeGreaterThan(5)
    const cut = truncateToTokens(enc, text, 4)
    expect(cut.truncated).toBe(true)
    expect(text.startsWith(cut.text)).toBe(true)
  })
})
