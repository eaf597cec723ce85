import { CloudOff } from 'lucide-react'
import { DASHBOARD_URL } from '@/components/nav-items'
import { Button } from '@/components/ui/button'
import { cn } from '@/lib/cn'

type KnowledgeUnavailableProps = {
  /** What was refused, for the first sentence. */
  action: 'list' | 'search' | 'add'
  onRetry?: () => void
  isRetrying?: boolean
  retryLabel?: string
  /** One short paragraph, for a place that shows the full explanation elsewhere too. */
  compact?: boolean
  headingLevel?: 2 | 3
  className?: string
}

const REFUSED: Record<KnowledgeUnavailableProps['action'], string> = {
  list: 'The cloud did not list this agent’s documents',
  search: 'The cloud did not search this agent’s documents',
  add: 'The cloud did not take these documents',
}

/**
 * The cloud's 503 "Knowledge service not available" as a normal state (docs/knowledge.md §503):
 * what it means, and where the first document can be added when the cloud refuses it here.
 */
export function KnowledgeUnavailable({
  action,
  onRetry,
  isRetrying = false,
  retryLabel = 'Check again',
  compact = false,
  headingLevel = 3,
  className,
}: KnowledgeUnavailableProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const actions = (
    <div className="flex flex-wrap items-center gap-3">
      {onRetry ? (
        <Button variant="outline" size="sm" pending={isRetrying} onClick={onRetry}>
          {retryLabel}
        </Button>
      ) : null}
      <a
        className="font-medium text-primary underline underline-offset-4 hover:no-underline focus-visible:rounded-sm"
        href={DASHBOARD_URL}
        target="_blank"
        rel="noreferrer"
      >
        Open the official dashboard
      </a>
    </div>
  )
  if (compact) {
    return (
      <div
        role="status"
        data-slot="knowledge-unavailable"
        className={cn('grid gap-2 rounded-lg border bg-muted/40 p-3 text-sm', className)}
      >
        <p className="leading-relaxed text-muted-foreground">
          <span className="font-semibold text-foreground">Knowledge service not available</span>{' '}
          (503). The cloud attaches it only to an agent that already has a document, so it may
          refuse an agent’s first one: add that one in the official dashboard.
        </p>
        {actions}
      </div>
    )
  }
  return (
    <div
      role="status"
      data-slot="knowledge-unavailable"
      className={cn('flex items-start gap-3 rounded-lg border bg-muted/40 p-4', className)}
    >
      <span className="mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full bg-warning-soft text-warning">
        <CloudOff aria-hidden className="size-4" />
      </span>
      <div className="grid min-w-0 gap-2 text-sm">
        <Heading className="font-semibold">Knowledge service not available</Heading>
        <p className="leading-relaxed text-muted-foreground">
          {REFUSED[action]}: it answered 503 “Knowledge service not available”. elizaOS Cloud
          attaches its knowledge service to an agent only once the agent has at least one document
          (or lists the <code>knowledge</code> plugin), so an agent without documents can be neither
          listed nor searched, and the cloud may refuse its first document too.
        </p>
        <p className="leading-relaxed text-muted-foreground">
          Adding stays open on this page. If the cloud refuses the first document, add it in the
          official dashboard; everything else works here after that.
        </p>
        {actions}
      </div>
    </div>
  )
}
