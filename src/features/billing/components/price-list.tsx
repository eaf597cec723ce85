import { SearchX } from 'lucide-react'
import { EmptyState } from '@/components/empty-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { formatUsd } from '@/lib/format'
import {
  filterSections,
  groupSections,
  perUnit,
  sectionName,
  type PriceSection,
  type PriceListData,
} from '../api/pricing'
import { formatExactTime } from './detail-parts'

type PriceListProps = {
  summary: PriceListData
  q: string
  onClearSearch: () => void
}

/** The price list, grouped as the API's section ids group it, filtered by `q`. */
export function PriceList({ summary, q, onClearSearch }: PriceListProps) {
  const shown = filterSections(summary.sections, q)
  const groups = groupSections(shown)
  return (
    <div className="grid gap-6">
      <p className="text-xs text-muted-foreground">
        Prices as of <time dateTime={summary.asOf}>{formatExactTime(summary.asOf)}</time>. All in US
        dollars, the cloud&apos;s 20&nbsp;% markup included; a range means the price depends on the
        model or tier chosen.
      </p>
      {summary.warnings.length > 0 ? (
        <div
          role="note"
          className="rounded-lg border border-warning/40 bg-warning-soft p-3 text-sm"
        >
          <p className="font-medium">Some prices could not be resolved and are left out:</p>
          <ul className="mt-1 list-disc pl-5 text-muted-foreground">
            {summary.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {groups.length === 0 ? (
        <EmptyState
          icon={SearchX}
          size="page"
          title={`No price matches “${q}”`}
          description="Search by operation (image, chat, voice) or unit (tokens, minute)."
          action={
            <Button variant="outline" onClick={onClearSearch}>
              Clear search
            </Button>
          }
        />
      ) : (
        groups.map((group) => (
          <section
            key={group.id}
            aria-labelledby={`price-group-${group.id}`}
            className="grid gap-2"
          >
            <h3 id={`price-group-${group.id}`} className="text-sm font-semibold">
              {group.name}
            </h3>
            <ul className="grid gap-2 sm:grid-cols-2">
              {group.sections.map((section) => (
                <PriceCard key={section.id} section={section} />
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  )
}

function PriceCard({ section }: { section: PriceSection }) {
  const range = section.estimatedRange
  const price =
    section.cost !== undefined
      ? formatUsd(section.cost)
      : range
        ? range.min === range.max
          ? formatUsd(range.min)
          : `${formatUsd(range.min)} – ${formatUsd(range.max)}`
        : '—'
  return (
    <li className="grid gap-1 rounded-xl border bg-card p-4" aria-label={sectionName(section.id)}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="font-medium">{sectionName(section.id)}</span>
        <Badge variant="outline" className="font-mono">
          {section.id}
        </Badge>
      </div>
      <p className="text-lg font-semibold tabular-nums">
        {price}{' '}
        <span className="text-sm font-normal text-muted-foreground">{perUnit(section.unit)}</span>
      </p>
      <p className="text-sm text-muted-foreground">{sentence(section)}</p>
    </li>
  )
}

/** The API's description as a sentence, and whether the price varies by model. */
function sentence(section: PriceSection): string {
  const text = section.description.trim()
  const closed = text && !/[.!?]$/.test(text) ? `${text}.` : text
  return section.isVariable ? `${closed} Varies by model.`.trim() : closed
}
