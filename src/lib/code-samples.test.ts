import { describe, expect, it } from 'vitest'
import { jsonRequestSamples, pythonLiteral, shellQuote } from './code-samples'

describe('code samples', () => {
  it('quotes for the shell so a prompt with quotes survives', () => {
    expect(shellQuote(`it's "fine"`)).toBe(`'it'\\''s "fine"'`)
  })

  it('writes Python literals', () => {
    expect(pythonLiteral({ a: true, b: null, c: [1, 'x'] })).toBe(
      '{\n    "a": True,\n    "b": None,\n    "c": [\n        1,\n        "x",\n    ],\n}',
    )
  })

  it('a JSON POST names the key variable, never a value, in all three languages', () => {
    const samples = jsonRequestSamples({
      path: '/api/v1/generate-image',
      body: { prompt: 'a fox', numImages: 2 },
      keyVariable: 'MY_KEY',
    })
    expect(samples.map((s) => s.id)).toEqual(['curl', 'typescript', 'python'])
    const [curl, ts, py] = samples.map((s) => s.code)
    expect(curl).toContain('https://www.elizacloud.ai/api/v1/generate-image')
    expect(curl).toContain('Bearer $MY_KEY')
    expect(curl).toContain(`"prompt": "a fox"`)
    expect(ts).toContain('process.env.MY_KEY')
    expect(ts).toContain('console.log(await res.json())')
    expect(py).toContain(`os.environ['MY_KEY']`)
    expect(py).toContain('"numImages": 2')
  })

  it('a binary answer is written to a file', () => {
    const [curl, ts, py] = jsonRequestSamples({
      path: '/api/v1/voice/tts',
      body: { text: 'hi' },
      keyVariable: 'K',
      binaryOutput: 'speech.mp3',
    }).map((s) => s.code)
    expect(curl).toContain(`-o 'speech.mp3'`)
    expect(ts).toContain('writeFile("speech.mp3"')
    expect(py).toContain('open("speech.mp3", "wb")')
  })
})
