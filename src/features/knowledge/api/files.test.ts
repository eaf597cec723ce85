import { describe, expect, it } from 'vitest'
import {
  ACCEPT_ATTRIBUTE,
  checkFiles,
  extensionOf,
  filenameProblem,
  KNOWLEDGE_LIMITS,
  looksLikeText,
  planRequests,
  withDeclaredType,
} from './files'

const MB = 1024 * 1024
const file = (name: string, content: string | number | Uint8Array<ArrayBuffer>, type = '') =>
  new File([typeof content === 'number' ? new Uint8Array(content).fill(97) : content], name, {
    type,
  })

describe('knowledge file checks (docs/knowledge.md §Files)', () => {
  it('reads extensions case-insensitively; a leading dot is no extension', () => {
    expect(extensionOf('Guide.MD')).toBe('.md')
    expect(extensionOf('archive.tar.gz')).toBe('.gz')
    expect(extensionOf('README')).toBe('')
    expect(extensionOf('.env')).toBe('')
    expect(ACCEPT_ATTRIBUTE).toBe('.pdf,.txt,.md,.doc,.docx,.json,.xml,.yaml,.yml,.csv')
  })

  it('refuses forbidden characters, missing or unlisted extensions, and long staged names', () => {
    expect(filenameProblem('notes.md')).toBeNull()
    for (const bad of [
      'a/b.txt',
      'a\\b.txt',
      'a:b.txt',
      'a*.txt',
      'a?.txt',
      'a"b.txt',
      'a<b.txt',
      'a>b.txt',
      'a|b.txt',
      'a..b.txt',
    ]) {
      expect(filenameProblem(bad)).toMatch(/character the cloud refuses/)
    }
    expect(filenameProblem('page.html')).toBe(
      '.html files are not accepted. Allowed: .pdf .txt .md .doc .docx .json .xml .yaml .yml .csv.',
    )
    expect(filenameProblem('Makefile')).toMatch(/^Files need an extension/)
    const long = `${'n'.repeat(252)}.txt`
    expect(filenameProblem(long)).toBeNull()
    expect(filenameProblem(long, { staged: true })).toBe('The name is longer than 255 characters.')
  })

  it('accepts and refuses with a reason per file, before any request', async () => {
    const { accepted, refused } = await checkFiles([
      file('guide.md', '# Guide', 'text/markdown'),
      file('page.html', '<p>hi</p>', 'text/html'),
      file('big.txt', 6 * MB, 'text/plain'),
      file('empty.txt', '', 'text/plain'),
      file('fake.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x01])),
      file('guide.md', '# Guide', 'text/markdown'),
      file('scan.pdf', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00])),
    ])
    expect(accepted.map((f) => f.name)).toEqual(['guide.md', 'scan.pdf'])
    expect(refused).toEqual([
      {
        name: 'page.html',
        size: 9,
        reason: expect.stringMatching(/^\.html files are not accepted/),
      },
      { name: 'big.txt', size: 6 * MB, reason: '6 MB is over the 5 MB limit per file.' },
      { name: 'empty.txt', size: 0, reason: 'The file is empty.' },
      {
        name: 'fake.csv',
        size: 6,
        reason: 'The content is binary, not the text a .csv file holds.',
      },
      { name: 'guide.md', size: 7, reason: 'This file is already in the list.' },
    ])
    // Exactly 5 MB is allowed.
    expect(
      (await checkFiles([file('max.txt', KNOWLEDGE_LIMITS.maxFileBytes)])).accepted,
    ).toHaveLength(1)
    // A file already in the batch (name and size) is refused too.
    const again = await checkFiles([file('a.txt', 'x')], { already: [{ name: 'a.txt', size: 1 }] })
    expect(again.refused[0]?.reason).toBe('This file is already in the list.')
  })

  it("declares the extension's type when the browser gave none, octet-stream or one the cloud refuses", () => {
    expect(withDeclaredType(file('a.md', 'x')).type).toBe('text/markdown')
    expect(withDeclaredType(file('a.csv', 'x', 'application/vnd.ms-excel')).type).toBe('text/csv')
    expect(withDeclaredType(file('a.yml', 'x', 'application/octet-stream')).type).toBe(
      'application/x-yaml',
    )
    const kept = file('a.xml', 'x', 'text/xml')
    expect(withDeclaredType(kept)).toBe(kept)
  })

  it('sniffs text: NUL bytes or invalid UTF-8 are binary; a cut character is not', () => {
    expect(looksLikeText(new TextEncoder().encode('plain ✓'))).toBe(true)
    expect(looksLikeText(new TextEncoder().encode('€').subarray(0, 2))).toBe(true)
    expect(looksLikeText(new Uint8Array([0x61, 0x00]))).toBe(false)
    expect(looksLikeText(new Uint8Array([0xc3, 0x28]))).toBe(false)
  })
})

describe('planRequests', () => {
  const sized = (mb: number) => ({ size: mb * MB })
  it('keeps each request within 5 files and 5 MB, in order', () => {
    expect(planRequests([])).toEqual([])
    const seven = Array.from({ length: 7 }, () => ({ size: 10 }))
    expect(planRequests(seven).map((r) => r.length)).toEqual([5, 2])
    const mixed = [sized(3), sized(2), sized(1), sized(5), sized(0.5)]
    expect(planRequests(mixed).map((r) => r.map((f) => f.size / MB))).toEqual([
      [3, 2],
      [1],
      [5],
      [0.5],
    ])
  })
})
