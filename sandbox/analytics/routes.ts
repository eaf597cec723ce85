// Analytics family: docs/cloud/analytics.md §1, GET /api/analytics/export. The numbers
// come from the usage records the ledger holds (analytics/usage.ts). Every failure, auth
// included, is an E5 500 with the message; STANDARD rate limit (docs/cloud/analytics.md "Endpoint summary").
import { authenticate } from '../core/auth.ts'
import type { SandboxContext } from '../core/context.ts'
import { bareError, messageOf, methodNotAllowed } from '../core/errors.ts'
import type { Family } from '../core/family.ts'
import { PRESETS, rateLimit } from '../core/rate-limit.ts'
import { FamilyRoutes } from '../core/route.ts'
import {
  EXPORT_TYPES,
  type ExportType,
  GRANULARITIES,
  type Granularity,
  modelRows,
  providerRows,
  timeseriesRows,
  toCsv,
  userRows,
} from './export.ts'
import { bareErrorBody, exportEnvelope, exportQuery, rangeError } from './schemas.ts'
import { loadUsageRecords } from './usage.ts'

const PATH = '/api/analytics/export'
const DAY_MS = 86_400_000
const MAX_DAYS = 365

const day = (d: Date) => d.toISOString().slice(0, 10)

function fileName(type: ExportType, granularity: Granularity, start: Date, end: Date): string {
  const range = `${day(start)}-to-${day(end)}`
  switch (type) {
    case 'timeseries':
      return `usage-analytics-${granularity}-${range}`
    case 'users':
      return `user-analytics-${range}`
    case 'providers':
      return `provider-analytics-${range}`
    case 'models':
      return `model-analytics-${range}`
  }
}

export function analyticsRoutes(ctx: SandboxContext): FamilyRoutes {
  const routes = new FamilyRoutes('analytics')
  const { app } = routes
  const { db } = ctx

  routes.route({
    method: 'get',
    path: '/api/analytics/export',
    auth: 'key',
    summary: 'Usage analytics: time series, providers, models or users over a date range',
    note: 'docs/cloud/analytics.md §1',
    query: exportQuery,
    responses: {
      200: {
        description: '`format=json`: `{generatedAt, metadata?, data}`; otherwise CSV (`text/csv`)',
        schema: exportEnvelope,
      },
      400: {
        description: 'Range over 365 days, start not before end, or a bad granularity (E5)',
        schema: rangeError,
      },
      429: { description: 'Rate limited (E10)' },
      500: {
        description: 'Every other failure, auth and unparsable dates included (E5)',
        schema: bareErrorBody,
      },
      501: { description: '`format=pdf`; in the sandbox also `excel`/`xlsx` (not emulated)' },
    },
    use: [rateLimit(ctx.limiter, PRESETS.STANDARD)],
    handler: async (c) => {
      try {
        const result = await authenticate(c.req.raw, db, ctx.balanceCache)
        // Handler-side auth failures are 500s with the message here (docs/cloud/analytics.md "Auth").
        if (!result.ok) return bareError(500, result.message)
        const q = c.req.query()
        const format = q.format ?? 'csv'
        const type: ExportType = EXPORT_TYPES.includes(q.type as ExportType)
          ? (q.type as ExportType)
          : 'timeseries'
        const now = Date.now()
        const end = q.endDate === undefined ? new Date(now) : new Date(q.endDate)
        const start =
          q.startDate === undefined ? new Date(now - 30 * DAY_MS) : new Date(q.startDate)
        // An unparsable date throws from toISOString, as the handler's does (§1.1): a 500 in strict
        // mode, the family's 400 otherwise (docs/sandbox.md §Bad input).
        if (!ctx.strict) {
          for (const [name, date] of [
            ['startDate', start],
            ['endDate', end],
          ] as const) {
            if (Number.isNaN(date.getTime())) return bareError(400, `${name} is not a valid date`)
          }
        }
        start.toISOString()
        end.toISOString()
        const days = (end.getTime() - start.getTime()) / DAY_MS
        if (days > MAX_DAYS) {
          return bareError(
            400,
            `Time range too large. Maximum: ${MAX_DAYS} days, requested: ${Math.ceil(days)} days`,
            { maxDays: MAX_DAYS },
          )
        }
        if (start.getTime() >= end.getTime()) {
          return bareError(400, 'startDate must be before endDate')
        }
        const granularity = (q.granularity ?? 'day') as Granularity
        if (!GRANULARITIES.includes(granularity)) {
          return bareError(
            400,
            `Invalid granularity: ${granularity}. Must be one of: ${GRANULARITIES.join(', ')}`,
          )
        }

        const orgId = result.auth.organizationId
        const records = await loadUsageRecords(db, orgId, start, end)
        let data: ReturnType<typeof timeseriesRows | typeof providerRows | typeof modelRows>
        let users: ReturnType<typeof userRows> | undefined
        switch (type) {
          case 'timeseries':
            data = timeseriesRows(records, granularity)
            break
          case 'providers':
            data = providerRows(records)
            break
          case 'models':
            data = modelRows(records)
            break
          case 'users': {
            const { rows } = await db.query<{
              id: string
              email: string | null
              name: string | null
            }>('SELECT id, email, name FROM users WHERE organization_id = $1', [orgId])
            users = userRows(records, new Map(rows.map((u) => [u.id, u])))
            // The cloud calls toISOString on a string here (§1.6); strict mode keeps that 500,
            // the default mode answers the intended ISO `lastActive`.
            if (ctx.strict && users.length > 0) {
              return bareError(500, 'u.lastActive?.toISOString is not a function')
            }
            data = []
          }
        }
        const rows = users ?? data

        if (format === 'pdf') {
          return bareError(
            501,
            "PDF export requires 'pdfkit' package. Install with: bun add pdfkit @types/pdfkit",
          )
        }
        if (format === 'excel' || format === 'xlsx') {
          return bareError(
            501,
            'Excel export is not emulated by the sandbox; use format=csv or json',
          )
        }
        const generatedAt = new Date().toISOString()
        const includeMetadata = q.includeMetadata === 'true'
        const name = fileName(type, granularity, start, end)
        const headers: Record<string, string> = { 'Cache-Control': 'no-cache' }
        if (rows.length > 50_000) {
          headers['X-Large-Export-Warning'] = 'true'
          headers['X-Row-Count'] = String(rows.length)
        }
        if (format === 'json') {
          const body = {
            generatedAt,
            ...(includeMetadata ? { metadata: { totalRecords: rows.length } } : {}),
            data: rows,
          }
          return new Response(JSON.stringify(body, null, 2), {
            headers: {
              ...headers,
              'Content-Type': 'application/json',
              'Content-Disposition': `attachment; filename="${name}.json"`,
            },
          })
        }
        return new Response(toCsv(type, rows, generatedAt, includeMetadata), {
          headers: {
            ...headers,
            'Content-Type': 'text/csv',
            'Content-Disposition': `attachment; filename="${name}.csv"`,
          },
        })
      } catch (error) {
        return bareError(500, messageOf(error))
      }
    },
  })
  app.all(PATH, () => methodNotAllowed(['GET', 'OPTIONS']))
  return routes
}

export const analyticsFamily: Family = { name: 'analytics', routes: analyticsRoutes }
