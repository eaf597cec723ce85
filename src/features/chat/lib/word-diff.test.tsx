import { describe, expect, it } from 'vitest'
import { wordDiff } from './word-diff'

describe('wordDiff', () => {
  it('marks the words only one side has', () => {
    expect(wordDiff('the quick brown fox', 'the slow brown fox jumps')).toEqual([
      { text: 'the ', kind: 'same' },
      { text: 'quick ', kind: 'removed' },
      { text: 'slow ', kind: 'added' },
      { text: 'brown fox ', kind: 'same' },
      { text: 'jumps', kind: 'added' },
    ])
  })

  it('gives one same part for equal texts', () => {
    expect(wordDiff('a b', 'a b')).toEqual([{ text: 'a b', kind: 'same' }])
  })
})
