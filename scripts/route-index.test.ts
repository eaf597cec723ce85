// docs/sandbox.md's route table names the file of every declared route, and is up to date.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { declaredRoutes } from '../sandbox/core/app.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../sandbox/core/test-utils.ts'
import { DOC, scanDeclarations, withIndex } from './route-index.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())

describe('route index', () => {
  it('finds every declared route in the source, once', () => {
    const id = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`
    const scanned = scanDeclarations().map(id).sort()
    expect(scanned).toEqual(declaredRoutes(sb.app).map(id).sort())
  })

  it(`${DOC} lists them (npm run routes)`, () => {
    const doc = readFileSync(DOC, 'utf8')
    expect(withIndex(doc, scanDeclarations())).toBe(doc)
  })
})
