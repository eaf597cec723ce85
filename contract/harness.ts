// The contract harness: a family's contract file opens an in-process sandbox through it, produces
// each response the family's routes DECLARE (sandbox/core/route.ts) and reads it with the
// console's own code: a success body with the feature's schema from src/features/*/api, an error
// body with the console's error reader. Every declared response of the family must be produced,
// or listed in `notProduced` with the reason, or the file fails in its afterAll. This folder
// imports both sides; neither side imports it (docs/architecture.md §12).
import { afterAll, beforeAll, expect, vi } from 'vitest'
import { safeParse, type $ZodType, type output } from 'zod/v4/core'
import { ApiError } from '@/lib/api-error'
import { declaredRoutes } from '../sandbox/core/app.ts'
import { honoPattern, type RouteDoc } from '../sandbox/core/route.ts'
import { openTestSandbox, SANDBOX_TIMEOUTS, type TestSandbox } from '../sandbox/core/test-utils.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

/** `POST /api/v1/knowledge/query 400`: a declared route (its OpenAPI path) and one status. */
export type ResponseId = string

export interface ContractOptions {
  /** Declared responses this file does not produce, each with the reason. */
  notProduced?: Record<ResponseId, string>
}

export interface Contract {
  /** The sandbox; its `call` tags each answer with the request, for the readers below. */
  readonly sb: TestSandbox
  /**
   * Reads a success body with the console's schema. The status must be `status` (200 by
   * default) and the body must also match what the sandbox declared for it.
   */
  parses<S extends $ZodType>(res: Response, schema: S, status?: number): Promise<output<S>>
  /**
   * Reads an error answer as the console does (`ApiError.fromResponse`): the status must be
   * `status`, and a non-empty body must be understood (not "a body that is not a JSON error").
   */
  refuses(res: Response, status: number): Promise<ApiError>
  /**
   * A body the console never reads (a 405, a file download, a redirect page): produced and
   * checked against the declaration only. `why` says why the console has no schema for it.
   */
  unread(res: Response, status: number, why: string): Promise<void>
  /**
   * An event stream the caller reads frame by frame with the console's schema (an endless one
   * cannot be read whole): records it as produced and hands over its reader.
   */
  stream(res: Response, status?: number): ReadableStreamDefaultReader<Uint8Array>
}

interface Tagged {
  method: string
  path: string
}

const matchers = new Map<RouteDoc, RegExp>()
function matcher(doc: RouteDoc): RegExp {
  let re = matchers.get(doc)
  if (!re) {
    const source = honoPattern(doc.path)
      .split('/')
      .map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.+?^${}()|[\]\\*]/g, '\\$&')))
      .join('/')
    re = new RegExp(`^${source}/?$`)
    matchers.set(doc, re)
  }
  return re
}

const idOf = (doc: Pick<RouteDoc, 'method' | 'path'>, status: number): ResponseId =>
  `${doc.method.toUpperCase()} ${doc.path} ${status}`

/** Opens the sandbox for the file and checks coverage of `families` when the file ends. */
export function contractFor(families: readonly string[], options: ContractOptions = {}): Contract {
  const produced = new Set<ResponseId>()
  const tags = new WeakMap<Response, Tagged>()
  let sb: TestSandbox | undefined
  let declared: readonly RouteDoc[] = []

  beforeAll(async () => {
    const opened = await openTestSandbox()
    declared = declaredRoutes(opened.app)
    const call = opened.call.bind(opened)
    sb = {
      ...opened,
      async call(path, init) {
        const res = await call(path, init)
        const url = new URL(path, 'http://sandbox.test')
        tags.set(res, { method: (init?.method ?? 'GET').toUpperCase(), path: url.pathname })
        return res
      },
    }
  })

  afterAll(async () => {
    try {
      const mine = declared.filter((d) => families.includes(d.family))
      expect(mine.length, `no routes declared by ${families.join(', ')}`).toBeGreaterThan(0)
      const expected = mine.flatMap((d) => Object.keys(d.responses).map((s) => idOf(d, Number(s))))
      const notProduced = options.notProduced ?? {}
      const missing = expected.filter((id) => !produced.has(id) && !(id in notProduced))
      expect(missing, 'declared responses never produced by this contract file').toEqual([])
      const stale = Object.keys(notProduced).filter((id) => produced.has(id))
      expect(stale, 'listed as not produced, yet produced: remove them').toEqual([])
      const unknown = Object.keys(notProduced).filter((id) => !expected.includes(id))
      expect(unknown, 'notProduced names responses nobody declares').toEqual([])
    } finally {
      await sb?.close()
    }
  })

  /** The declared route an answer came from, and its declared response for the status. */
  function routeOf(res: Response): RouteDoc {
    const tag = tags.get(res)
    if (!tag) throw new Error('Answer not produced through contract.sb.call')
    const doc = declared.find(
      (d) => d.method.toUpperCase() === tag.method && matcher(d).test(tag.path),
    )
    if (!doc) throw new Error(`${tag.method} ${tag.path} is not a declared route`)
    return doc
  }

  function record(res: Response, status: number): RouteDoc {
    const doc = routeOf(res)
    expect(res.status, `${doc.method.toUpperCase()} ${doc.path}`).toBe(status)
    expect(
      Object.keys(doc.responses).map(Number),
      `${idOf(doc, status)} is not a declared response`,
    ).toContain(status)
    produced.add(idOf(doc, status))
    return doc
  }

  async function checkDeclared(doc: RouteDoc, status: number, body: unknown): Promise<void> {
    const schema = doc.responses[status]?.schema
    if (!schema) return
    const result = schema.safeParse(body)
    expect(
      result.success ? [] : result.error.issues,
      `${idOf(doc, status)}: the answer does not match the sandbox's own declaration`,
    ).toEqual([])
  }

  return {
    get sb() {
      if (!sb) throw new Error('contract.sb is ready in tests, not at import time')
      return sb
    },
    async parses(res, schema, status = 200) {
      const doc = record(res, status)
      const body: unknown = await res.json()
      await checkDeclared(doc, status, body)
      const parsed = safeParse(schema, body)
      if (!parsed.success) {
        expect(
          parsed.error.issues,
          `${idOf(doc, status)}: the console's schema rejects the sandbox's answer`,
        ).toEqual([])
      }
      return parsed.data as output<typeof schema>
    },
    async refuses(res, status) {
      const doc = record(res, status)
      const text = await res.clone().text()
      if (text.trim() !== '' && doc.responses[status]?.schema) {
        await checkDeclared(doc, status, JSON.parse(text))
      }
      const error = await ApiError.fromResponse(res)
      expect(error.status).toBe(status)
      if (text.trim() !== '') {
        expect(
          error.details.raw,
          `${idOf(doc, status)}: the console's error reader did not understand the body`,
        ).toBeUndefined()
      }
      return error
    },
    stream(res, status = 200) {
      record(res, status)
      expect(res.headers.get('content-type') ?? '').toMatch(/^text\/event-stream/)
      if (!res.body) throw new Error('an event stream without a body')
      return res.body.getReader()
    },
    async unread(res, status, why) {
      expect(why.length, 'say why the console does not read this body').toBeGreaterThan(0)
      const doc = record(res, status)
      const type = res.headers.get('content-type') ?? ''
      if (type.includes('json')) await checkDeclared(doc, status, await res.json())
      else await res.arrayBuffer()
    },
  }
}
