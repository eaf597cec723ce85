import { keepPreviousData, queryOptions } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { usageKeys } from './keys'
import type { ExportWindow, Granularity } from './range'
import { modelsSchema, providersSchema, seriesSchema } from './schemas'

// One path, three `type`s (docs/analytics.md §Export). The window is sent as explicit UTC
// instants, so the range on screen is exactly the range asked for.
const PATH = '/api/analytics/export'

export const usageSeriesQuery = (w: ExportWindow, granularity: Granularity) =>
  queryOptions({
    queryKey: usageKeys.series(w, granularity),
    queryFn: ({ signal }) =>
      api.get(PATH, {
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
      api.get(PATH, {
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
      api.get(PATH, {
        query: { format: 'json', type: 'providers', ...w },
        signal,
        schema: providersSchema,
      }),
    placeholderData: keepPreviousData,
  })
