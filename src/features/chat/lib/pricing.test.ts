import { Tiktoken } from 'js-tiktoken/lite'
import o200k from 'js-tiktoken/ranks/o200k_base'
import { describe, expect, it } from 'vitest'
import { estimatePromptTokens, estimateTokens } from './pricing'

// The reference: OpenAI's o200k_base tokenizer (what the sandbox bills gpt-4o-mini with), and the
// way a chat's prompt is counted (3 per message + its role, 3 to prime the reply).
const enc = new Tiktoken(o200k)
const billed = (texts: string[]) =>
  3 + texts.reduce((sum, t) => sum + 3 + enc.encode('user').length + enc.encode(t).length, 0)

const prose = `Compilers turn source code into something a machine can run. They usually work in stages: a lexer splits the text into tokens, a parser builds a syntax tree, semantic analysis checks types and names, and a back end generates code. Optimisations happen in between, on an intermediate representation that is easier to transform than either the source or the target. Modern toolchains such as LLVM separate these concerns so that many languages can share the same optimiser and code generators.

When you write a question for a model, say what you already know, what you tried, and what a good answer looks like. A long message with context usually gets a better reply than a short one, but every word is billed, so it pays to know how many tokens a message really is before it is sent.
`
const code =
  '```ts\nexport async function fetchJson(url: string): Promise<unknown> {\n  const response = await fetch(url)\n  if (!response.ok) throw new Error(`HTTP ${response.status}`)\n  return response.json()\n}\n```\n'
const data =
  'Order 12345 shipped on 2026-12-05 at 09:30; total $1,249.99 (see https://example.com/o/12345?ref=mail).\n'

const within = (estimate: number, real: number, percent: number) =>
  expect(Math.abs(estimate / real - 1) * 100, `${estimate} vs ${real}`).toBeLessThan(percent)

describe('estimateTokens', () => {
  it('is within a few percent of the billed count on a long English message (characters / 4 was a quarter high)', () => {
    const long = prose.repeat(10)
    const real = billed([long])
    expect(Math.ceil(long.length / 4) / real).toBeGreaterThan(1.2) // the old estimate
    within(estimatePromptTokens([{ content: long }]), real, 4)
  })

  it('stays close on code, numbers and links mixed into prose', () => {
    const mixed = (prose + code + data).repeat(6)
    within(estimatePromptTokens([{ content: mixed }]), billed([mixed]), 5)
  })

  it('counts a conversation: every message, plus what each message adds', () => {
    const turns = [prose, 'Thanks! And the parser?', prose.slice(0, 400), 'Show me code.', code]
    within(estimatePromptTokens(turns.map((content) => ({ content }))), billed(turns), 6)
  })

  it('is cheap: linear in the length of a long message, not quadratic', () => {
    // A ratio of two sizes measured in the same run, so a loaded machine slows both alike
    // (an absolute limit in milliseconds failed under load). 8× the text: linear work takes
    // ~8–15× as long, quadratic work 64×.
    const fastest = (text: string) => {
      let best = Infinity
      for (let i = 0; i < 3; i++) {
        const started = performance.now()
        estimateTokens(text)
        best = Math.min(best, performance.now() - started)
      }
      return best
    }
    const small = fastest(prose.repeat(100))
    const large = fastest(prose.repeat(800))
    expect(large / small).toBeLessThan(32)
  })

  it('is zero for nothing, and at least one token for a word', () => {
    expect(estimateTokens('')).toBe(0)
    expect(estimateTokens('hello')).toBe(1)
  })
})
