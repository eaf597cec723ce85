import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { api, type RequestOptions } from '@/lib/api-client'
import { ApiError } from '@/lib/api-error'
import { usageKeys } from './keys'
import type { ExportWindow, Granularity } from './range'
import { modelsSchema, providersSchema, seriesSchema } from './schemas'

// One path, three `type`s (docs/analytics.md §Export). The window is sent as explicit UTC
// instants, so the range on screen is exactly the range asked for.
const PATH = '/api/analytics/export'

// The export answers auth failures as a 500 carrying the message (docs/analytics.md §Errors);
// they are shown as what they are, so the page says how to fix the key instead of "try again".
const AUTH_MESSAGE = /api key|authentication|full account|unauthorized/i

/** An export error as the page should treat it: a 500 about the key is an auth failure. */
export function asExportError(error: unknown): unknown {
  if (error instanceof ApiError && error.status === 500 && AUTH_MESSAGE.test(error.message)) {
    return new ApiError('unauthorized', error.message, 500, error.details, { cause: error })
  }
  return error
}

async function getExport<T>(opts: RequestOptions<T>): Promise<T> {
  try {
    return await api.get(PATH, opts)
  } catch (error) {
    throw asExportError(error)
  }
}

export const usageSeriesQuery = (w: ExportWindow, granularity: Granularity) =>
  queryOptions({
    queryKey: usageKeys.series(w, granularity),
    queryFn: ({ signal }) =>
      getExport({
        query: { format: 'json', type: 'timeseries', granularity, ...w },
        signal,
        schema: seriesSchema,
      }),
    placeholderData: keepPreviousData,
  })

export const usageModelsQuery = (w: ExportWindow) =>
  queryOptions({
    queryKey: usageKeys.models(w),
    queryFn: ({ signal }) =>
      getExport({
        query: { format: 'json', type: 'models', ...w },
        signal,
        schema: modelsSchema,
      }),
    placeholderData: keepPreviousData,
  })

export const usageProvidersQuery = (w: ExportWindow) =>
  queryOptions({
    queryKey: usageKeys.providers(w),
    queryFn: ({ signal }) =>
      getExport({
        query: { format: 'json', type: 'providers', ...w },
        signal,
        schema: providersSchema,
      }),
    placeholderData: keepPreviousData,
  })
