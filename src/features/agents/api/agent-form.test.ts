import { describe, expect, it } from 'vitest'
import { z } from 'zod/mini'
import {
  AGENT_LIMITS,
  agentFormInput,
  emptyAgentForm,
  extraFields,
  formFieldFor,
  formToUpdate,
  readAgentFile,
} from './agent-form'

const valid = () => ({ ...emptyAgentForm(), name: 'Support Bot' })
const issuesOf = (values: unknown) => {
  const r = z.safeParse(agentFormInput, values)
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'))
}

describe('agentFormInput (the cloud limits)', () => {
  it('accepts a name of 100 characters and refuses 101 or blank', () => {
    expect(issuesOf({ ...valid(), name: 'a'.repeat(AGENT_LIMITS.name) })).toEqual([])
    expect(issuesOf({ ...valid(), name: 'a'.repeat(AGENT_LIMITS.name + 1) })).toEqual(['name'])
    expect(issuesOf({ ...valid(), name: '   ' })).toEqual(['name'])
  })
  it('checks the username pattern and length, and allows it empty', () => {
    expect(issuesOf({ ...valid(), username: '' })).toEqual([])
    expect(issuesOf({ ...valid(), username: 'ab' })).toEqual(['username'])
    expect(issuesOf({ ...valid(), username: 'Bad--Name' })).toEqual(['username'])
    expect(issuesOf({ ...valid(), username: 'good-name-2' })).toEqual([])
  })
  it('limits tags, system prompt and the avatar URL', () => {
    const tags = Array.from({ length: 21 }, (_, i) => `t${i}`).join(', ')
    expect(issuesOf({ ...valid(), tags })).toEqual(['tags'])
    expect(issuesOf({ ...valid(), system: 'x'.repeat(20_001) })).toEqual(['system'])
    expect(issuesOf({ ...valid(), avatarUrl: 'javascript:alert(1)' })).toEqual(['avatarUrl'])
    expect(issuesOf({ ...valid(), avatarUrl: 'data:image/png;base64,AAAA' })).toEqual([])
  })
})

describe('formToUpdate', () => {
  it('sends only the given fields, as lists, and never an empty username', () => {
    const values = { ...valid(), topics: 'a\n\n b ', tags: 'x, y', username: '' }
    expect(formToUpdate(values, ['topics', 'tags', 'username'])).toEqual({
      topics: ['a', 'b'],
      tags: ['x', 'y'],
    })
  })
  it('parses message examples into turns', () => {
    const values = { ...valid(), messageExamples: [{ text: '{{user1}}: hi\nBot: hello: there' }] }
    expect(formToUpdate(values, ['messageExamples']).messageExamples).toEqual([
      [
        { name: '{{user1}}', content: { text: 'hi' } },
        { name: 'Bot', content: { text: 'hello: there' } },
      ],
    ])
  })
  it('knows which fields a quick create cannot set', () => {
    expect(extraFields({ ...valid(), bio: 'x', system: 'be brief' })).toEqual(['system'])
  })
})

describe('server field paths', () => {
  it('map to the form field they belong to', () => {
    expect(formFieldFor('style.all.0')).toBe('style')
    expect(formFieldFor('messageExamples.1.0.content.text')).toBe('messageExamples')
    expect(formFieldFor('somethingElse')).toBe('root')
  })
})

describe('readAgentFile', () => {
  it('reads an elizaOS character file', async () => {
    const file = new Blob([JSON.stringify({ name: 'Imp', bio: 'one', topics: ['t'] })])
    const result = await readAgentFile(file)
    expect(result).toMatchObject({ ok: true, values: { name: 'Imp', bio: 'one', topics: 't' } })
  })
  it('says why a file is refused', async () => {
    expect(await readAgentFile(new Blob(['{nope']))).toEqual({
      ok: false,
      message: 'The file is not valid JSON.',
    })
    const noName = await readAgentFile(new Blob([JSON.stringify({ bio: 'x' })]))
    expect(noName.ok).toBe(false)
    expect(!noName.ok && noName.message).toMatch(/^Not an agent file: name/)
  })
})
