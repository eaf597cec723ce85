import { MoreHorizontal, Pencil, Power, RefreshCw, ShieldCheck, Trash2 } from 'lucide-react'
import { memo, type ReactNode } from 'react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu'
import { Skeleton } from '@/components/ui/skeleton'
import { formatNumber, formatRelativeTime } from '@/lib/format'
import { isRestricted, permissionLabel } from '../api/permissions'
import { keyStatus, type ApiKey, type KeyStatus } from '../api/schemas'

export type KeyAction = 'rename' | 'toggle' | 'regenerate' | 'delete'

type KeyListProps = {
  keys: readonly ApiKey[]
  /** The prefix of the proxy's own key (from /_console/info); null while unknown. */
  consoleKeyPrefix: string | null
  now: number
  onAction: (action: KeyAction, key: ApiKey) => void
}

/**
 * The organization's keys, one card each (the list has a dozen fields, which a phone cannot show
 * as table columns). Organizations keep tens of keys, not thousands: the list is not virtualized.
 */
export function KeyList({ keys, consoleKeyPrefix, now, onAction }: KeyListProps) {
  return (
    <ul aria-label="API keys" className="grid gap-3">
      {keys.map((key) => (
        <KeyItem
          key={key.id}
          apiKey={key}
          isConsoleKey={consoleKeyPrefix !== null && key.prefix === consoleKeyPrefix}
          now={now}
          onAction={onAction}
        />
      ))}
    </ul>
  )
}

const STATUS: Record<KeyStatus, { label: string; variant: 'success' | 'secondary' | 'warning' }> = {
  active: { label: 'Active', variant: 'success' },
  disabled: { label: 'Disabled', variant: 'secondary' },
  expired: { label: 'Expired', variant: 'warning' },
}

type KeyItemProps = {
  apiKey: ApiKey
  isConsoleKey: boolean
  now: number
  onAction: (action: KeyAction, key: ApiKey) => void
}

const KeyItem = memo(function KeyItem({ apiKey: key, isConsoleKey, now, onAction }: KeyItemProps) {
  const status = STATUS[keyStatus(key, now)]
  const headingId = `key-${key.id}`
  return (
    <li
      aria-labelledby={headingId}
      className="grid gap-3 rounded-xl border bg-card p-4 shadow-card sm:grid-cols-[1fr_auto]"
    >
      <div className="grid min-w-0 gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <h2 id={headingId} className="truncate text-base font-semibold">
            {key.name}
          </h2>
          <Badge variant={status.variant}>{status.label}</Badge>
          {isConsoleKey ? (
            <Badge variant="info" title="The key this console's proxy uses for every request">
              <ShieldCheck aria-hidden />
              This console’s key
            </Badge>
          ) : null}
        </div>
        {key.description ? (
          <p className="text-sm break-words text-muted-foreground">{key.description}</p>
        ) : null}
        <div className="flex flex-wrap items-center gap-1.5">
          <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs" title="Key prefix">
            {key.prefix}…
          </code>
          {isRestricted(key.permissions) ? (
            key.permissions.map((p) => (
              <Badge key={p} variant="outline">
                {permissionLabel(p)}
              </Badge>
            ))
          ) : (
            <Badge variant="outline" title="No permission named: full access">
              All permissions
            </Badge>
          )}
        </div>
        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-3 lg:grid-cols-5">
          <Meta label="Rate limit">{formatNumber(key.rateLimit)}/min</Meta>
          <Meta label="Created">
            <When iso={key.createdAt} now={now} />
          </Meta>
          <Meta label="Last used">
            {key.lastUsedAt ? <When iso={key.lastUsedAt} now={now} /> : 'Never'}
          </Meta>
          <Meta label="Requests">{formatNumber(key.usageCount)}</Meta>
          <Meta label="Expires">
            {key.expiresAt ? <When iso={key.expiresAt} now={now} /> : 'Never'}
          </Meta>
        </dl>
      </div>
      <div className="flex items-start sm:justify-end">
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" size="sm" aria-label={`Actions for ${key.name}`}>
              <MoreHorizontal aria-hidden />
              Actions
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuItem onSelect={() => onAction('rename', key)}>
              <Pencil aria-hidden />
              Rename
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => onAction('toggle', key)}>
              <Power aria-hidden />
              {key.isActive ? 'Disable' : 'Enable'}
            </DropdownMenuItem>
            <DropdownMenuItem onSelect={() => onAction('regenerate', key)}>
              <RefreshCw aria-hidden />
              Regenerate
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem className="text-destructive" onSelect={() => onAction('delete', key)}>
              <Trash2 aria-hidden />
              Delete
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
    </li>
  )
})

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="truncate font-medium">{children}</dd>
    </div>
  )
}

/** Relative time, with the exact time on hover. */
function When({ iso, now }: { iso: string; now: number }) {
  return (
    <time dateTime={iso} title={new Date(iso).toLocaleString()}>
      {formatRelativeTime(iso, now)}
    </time>
  )
}

export function KeyListSkeleton() {
  return (
    <div className="grid gap-3" aria-hidden>
      {[0, 1, 2].map((i) => (
        <div key={i} className="grid gap-3 rounded-xl border bg-card p-4">
          <Skeleton className="h-5 w-48" />
          <Skeleton className="h-4 w-72" />
          <Skeleton className="h-8 w-full" />
        </div>
      ))}
    </div>
  )
}
