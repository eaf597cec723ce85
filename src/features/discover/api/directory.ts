import type { DiscoveryPage, Service, ServiceType } from './schemas'

/**
 * The directory API applies offset/limit twice, so any page after the first is empty or short
 * (docs/discover.md §Paging). We never page with offset: one request per type at offset 0 with
 * the largest limit, merged here and paged (virtualized) in the browser.
 */
export const DIRECTORY_LIMIT = 100

export type MergedDirectory = {
  services: Service[]
  /** Types whose request came back full: the API cannot reach the services beyond them. */
  truncatedTypes: ServiceType[]
  /** Some answer came from the cloud's 3-minute cache. */
  isCached: boolean
}

/** Merges the per-type answers: deduplicated by type and id, sorted by name like the cloud. */
export function mergeDirectory(
  answers: readonly { type: ServiceType; page: DiscoveryPage }[],
): MergedDirectory {
  const byKey = new Map<string, Service>()
  const truncatedTypes: ServiceType[] = []
  let isCached = false
  for (const { type, page } of answers) {
    if (page.services.length >= DIRECTORY_LIMIT) truncatedTypes.push(type)
    if (page.cached) isCached = true
    for (const s of page.services) byKey.set(`${s.type}:${s.id}`, s)
  }
  const services = [...byKey.values()].sort(
    (a, b) =>
      a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id),
  )
  return { services, truncatedTypes, isCached }
}

/** The types a filter asks for. */
export const typesOf = (type: ServiceType | 'all'): ServiceType[] =>
  type === 'all' ? ['agent', 'mcp'] : [type]
