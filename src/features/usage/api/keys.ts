import type { ExportWindow, Granularity } from './range'

export const usageKeys = {
  all: ['usage'] as const,
  series: (w: ExportWindow, granularity: Granularity) =>
    [...usageKeys.all, 'series', w, granularity] as const,
  models: (w: ExportWindow) => [...usageKeys.all, 'models', w] as const,
  providers: (w: ExportWindow) => [...usageKeys.all, 'providers', w] as const,
}
