// The lint rules that guard the structure (docs/architecture.md §13) really report: each fixture
// under scripts/lint-fixtures/ is linted with the project's own eslint.config.js.
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')
// The fixtures are in the config's ignores, so the normal lint run never sees them.
const eslint = new ESLint({ cwd: root, ignore: false })
const fixture = (path: string) => `scripts/lint-fixtures/${path}`

/** Messages of one rule, per file name, for the given files. */
async function messagesOf(ruleId: string, files: string[]) {
  const results = await eslint.lintFiles(files.map(fixture))
  return Object.fromEntries(
    results.map((r) => [
      r.filePath.slice(r.filePath.lastIndexOf('/') + 1),
      r.messages.filter((m) => m.ruleId === ruleId).map((m) => `${m.line}: ${m.message}`),
    ]),
  )
}

// ESLint loads typescript-eslint and the resolver on the first call: seconds on a busy machine.
describe('import-x/no-cycle', { timeout: 60_000 }, () => {
  it('reports both sides of a two-file cycle of .ts-extension imports', async () => {
    expect(await messagesOf('import-x/no-cycle', ['cycle/ping.ts', 'cycle/pong.ts'])).toEqual({
      'ping.ts': ['1: Dependency cycle detected'],
      'pong.ts': ['1: Dependency cycle detected'],
    })
  })

  it('reports a cycle closed by a dynamic import (a file split for the bundle)', async () => {
    expect(
      await messagesOf('import-x/no-cycle', ['lazy-cycle/page.ts', 'lazy-cycle/heavy.ts']),
    ).toEqual({
      'page.ts': ['3: Dependency cycle detected'],
      'heavy.ts': ['1: Dependency cycle detected'],
    })
  })

  it('reports nothing when the shared piece is a leaf module', async () => {
    expect(
      await messagesOf('import-x/no-cycle', [
        'no-cycle/leaf.ts',
        'no-cycle/page.ts',
        'no-cycle/heavy.ts',
      ]),
    ).toEqual({ 'leaf.ts': [], 'page.ts': [], 'heavy.ts': [] })
  })
})

describe('the import resolver', { timeout: 60_000 }, () => {
  it('resolves the @/ alias of src/ (an unknown module under it is reported, a real one is not)', async () => {
    // no-unresolved is off in the config (tsc checks imports); turned on here to ask the resolver.
    const strict = new ESLint({
      cwd: root,
      ignore: false,
      overrideConfig: { rules: { 'import-x/no-unresolved': 'error' } },
    })
    const [result] = await strict.lintText(
      [
        "import { cn } from '@/lib/cn'",
        "import { missing } from '@/lib/no-such-module'",
        'export const both = [cn, missing]',
        '',
      ].join('\n'),
      { filePath: fixture('alias.ts') },
    )
    const unresolved = result?.messages.filter((m) => m.ruleId === 'import-x/no-unresolved')
    expect(unresolved?.map((m) => `${m.line}: ${m.message}`)).toEqual([
      "2: Unable to resolve path to module '@/lib/no-such-module'.",
    ])
  })
})
