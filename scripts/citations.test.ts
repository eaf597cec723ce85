// Every citation in the repo resolves to a heading of a page inside it, and none points outside
// (issue 16: a clone has no research notes or style guide of its own).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { citationsIn, outsideCitations, problemOf, unresolvedCitations } from './citations.ts'

// Built at run time so that this file does not cite anything itself.
const page = (...parts: string[]) => `${parts.join('/')}.md`

describe('citations', () => {
  it('every citation in a tracked file resolves to a heading of its page', () => {
    expect(unresolvedCitations().map((p) => `${p.file}:${p.line} ${p.problem}`)).toEqual([])
  })

  it('no file cites the research notes or the style guide outside the repo', () => {
    expect(outsideCitations()).toEqual({})
  })

  it('reports a missing page, a missing number, E-code, heading or quoted term', () => {
    const text = [
      `(${page('docs', 'cloud', 'knowledge')} §4)`,
      `(${page('docs', 'cloud', 'knowledge')} §99)`,
      `(${page('docs', 'cloud', 'auth-errors-limits')} E9)`,
      `(${page('docs', 'cloud', 'auth-errors-limits')} E42)`,
      `(${page('docs', 'chat')} §Token counting)`,
      `(${page('docs', 'chat')} §Nothing like this)`,
      `(${page('docs', 'cloud', 'billing')} "Money units")`,
      `(${page('docs', 'nowhere')})`,
    ].join('\n')
    const found = citationsIn('src/example.ts', text)
    expect(found.map((c) => c.section)).toEqual([
      '§4',
      '§99',
      'E9',
      'E42',
      '§Token counting',
      '§Nothing like this',
      '"Money units"',
      undefined,
    ])
    expect(found.map((c) => problemOf(c) !== undefined)).toEqual([
      false,
      true,
      false,
      true,
      false,
      true,
      false,
      true,
    ])
  })

  it('counts a citation of the notes by path or by bare name outside docs/', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'citations-'))
    const file = path.join(dir, 'example.ts')
    const notes = ['..', 'shared', 'cloud-api'].join('/')
    writeFileSync(
      file,
      `// see ${notes}/${page('chat')}, then ${page('chat')} §3 and ${'STYLE'}.md §2\n`,
    )
    try {
      expect(outsideCitations([file])).toEqual({ [file]: 3 })
    } finally {
      rmSync(dir, { recursive: true })
    }
  })
})
