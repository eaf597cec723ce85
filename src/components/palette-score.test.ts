import { describe, expect, it } from 'vitest'
import { paletteScore, rankCommands } from './palette-score'

const THEME = ['Switch to dark theme', 'theme', 'appearance', 'mode', 'dark']
const SPEAK = ['Speak text', 'voice', 'tts', 'text to speech', 'audio', 'say']
const score = (keywords: string[], search: string) => paletteScore(keywords[0]!, search, keywords)

describe('paletteScore', () => {
  it('ranks a command whose words start with the query above a loose fuzzy match', () => {
    expect(score(SPEAK, 'speak')).toBeGreaterThan(score(THEME, 'speak'))
    expect(score(THEME, 'speak')).toBeLessThan(0.4)
  })

  it('orders exact label, label prefix, word prefix, substring, then keyword matches', () => {
    const chat = ['Chat', 'playground']
    const newChat = ['New chat', 'conversation']
    const chatWith = ['Chat with Eliza', 'agent']
    expect(score(chat, 'chat')).toBe(1)
    expect(score(chatWith, 'chat')).toBeGreaterThan(score(newChat, 'chat'))
    expect(score(newChat, 'chat')).toBeGreaterThan(score(['Webchat', 'x'], 'chat'))
    expect(score(['Webchat', 'x'], 'chat')).toBeGreaterThan(score(['Billing', 'chat'], 'chat'))
    expect(score(['Billing', 'money'], 'mon')).toBeGreaterThan(score(['Usage', 'common'], 'mon'))
  })

  it('matches several words in any order by their prefixes', () => {
    expect(score(['Switch to dark theme'], 'dark sw')).toBe(0.9)
    expect(score(['Go to API keys', 'token'], 'keys tok')).toBe(0.6)
  })

  it('keeps fuzzy abbreviations findable but never above a word match, and drops non-matches', () => {
    const fuzzy = score(['Knowledge', 'documents'], 'knwl')
    expect(fuzzy).toBeGreaterThan(0)
    expect(fuzzy).toBeLessThan(0.5)
    expect(score(['Knowledge', 'documents'], 'zzz')).toBe(0)
  })

  it('lets everything through an empty query, ignoring case and extra spaces', () => {
    expect(score(THEME, '')).toBe(1)
    expect(score(SPEAK, '  SPEAK   Text ')).toBe(1)
  })
})

describe('rankCommands', () => {
  const cmd = (id: string, label: string, group: string, keywords?: string[]) => ({
    id,
    label,
    group,
    keywords,
  })
  const commands = [
    cmd('go:/keys', 'Go to API keys', 'Pages', ['secret', 'permissions', 'access', 'key']),
    cmd('go:/voice', 'Go to Voice', 'Pages', ['tts', 'speech']),
    cmd('speak', 'Speak text', 'Actions', ['voice', 'say']),
    cmd('theme:dark', 'Switch to dark theme', 'Theme', THEME.slice(1)),
  ]

  it('puts the best match first, its group first, and leaves out what does not match', () => {
    const ranked = rankCommands(commands, 'speak', ['Pages', 'Actions', 'Theme'])
    expect(ranked[0]).toEqual(['Actions', [commands[2]]])
    expect(ranked.flatMap(([, c]) => c.map((x) => x.id))).not.toContain('go:/voice')
  })

  it('keeps the given group order and registration order on an empty search', () => {
    const ranked = rankCommands([...commands].reverse(), '', ['Pages', 'Actions', 'Theme'])
    expect(ranked.map(([g]) => g)).toEqual(['Pages', 'Actions', 'Theme'])
    expect(ranked[0]![1].map((c) => c.id)).toEqual(['go:/voice', 'go:/keys'])
  })
})
