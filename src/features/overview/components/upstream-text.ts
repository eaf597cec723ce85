import type { ConsoleInfo } from '@/api/console-info/schemas'

/** id of the overview's Upstream card, which the header's upstream badge links to. */
export const UPSTREAM_CARD_ID = 'upstream'

export function upstreamMode(info: ConsoleInfo): string {
  if (info.upstream.kind === 'cloud') return 'elizaOS Cloud'
  return info.upstream.embedded ? 'Embedded sandbox' : 'Sandbox process'
}

export function strictText(strict: boolean | null): string {
  if (strict === null) return 'Not applicable'
  return strict ? 'On' : 'Off'
}

export function latencyText(info: ConsoleInfo): string {
  return info.latencyMs === null ? '—' : `${Math.round(info.latencyMs)} ms`
}

/** The upstream in a few short lines (the header badge's title). */
export function describeUpstream(info: ConsoleInfo): string[] {
  const where =
    info.upstream.kind === 'cloud'
      ? `elizaOS Cloud at ${info.upstream.host}`
      : info.upstream.embedded
        ? `Sandbox embedded in the local proxy (${info.upstream.host})`
        : `Sandbox at ${info.upstream.host}`
  const lines = [where]
  if (info.upstream.strict !== null) lines.push(`Strict mode: ${strictText(info.upstream.strict)}`)
  lines.push(
    info.reachable ? `Reachable, ${latencyText(info)}` : 'Not reachable from the local proxy',
  )
  return lines
}
