import { describe, expect, it } from 'vitest'
import { countTokens, encoderFor, IDLE_RELEASE_MS, releaseIdleEncoders } from './tokens.ts'

describe('tokenizer memory', () => {
  it('keeps an encoder while it is used and lets it go after a minute without use', async () => {
    const first = encoderFor('openai/gpt-4o-mini')
    expect(countTokens(await first, 'hello world')).toBe(2)
    expect(encoderFor('openai/gpt-4o-mini')).toBe(first)

    releaseIdleEncoders(Date.now() + IDLE_RELEASE_MS - 1_000)
    expect(encoderFor('openai/gpt-4o-mini')).toBe(first)

    releaseIdleEncoders(Date.now() + IDLE_RELEASE_MS + 1)
    const again = encoderFor('openai/gpt-4o-mini')
    expect(again).not.toBe(first)
    // Loaded again on demand, counting the same.
    expect(countTokens(await again, 'hello world')).toBe(2)
  }, 60_000)
})
