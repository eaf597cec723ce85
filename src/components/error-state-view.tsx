import {
  Ban,
  CircleAlert,
  Clock,
  CloudOff,
  FileWarning,
  KeyRound,
  LogIn,
  PlugZap,
  SearchX,
  ServerCrash,
  Timer,
  Unplug,
  Wallet,
  type LucideIcon,
} from 'lucide-react'
import { useRouter } from '@tanstack/react-router'
import { useEffect, useState, type MouseEvent, type ReactNode } from 'react'
import { isApiError, type ApiError, type ApiErrorKind } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { formatUsd } from '@/lib/format'
import { errorTitle } from './error-title'
import type { ErrorStateProps } from './error-state'
import { ErrorStateFrame, RetryButton } from './error-state-frame'
import { DASHBOARD_URL } from './nav-items'

type Described = {
  icon: LucideIcon
  title: string
  description: ReactNode
  /** A link or hint shown next to Retry. */
  action?: ReactNode
  tone: 'destructive' | 'warning'
}

const linkClass =
  'font-medium text-primary underline underline-offset-4 hover:no-underline focus-visible:rounded-sm'

function gatewayText(status: number | null): string {
  if (status === 502) return 'HTTP 502, bad gateway'
  if (status === 503) return 'HTTP 503, service unavailable'
  if (status === 504) return 'HTTP 504, gateway timeout'
  return status ? `HTTP ${status}` : 'no answer'
}

/** The one mapping from an error to what the user reads (docs/architecture.md §7). */
export function describeError(error: unknown): Described {
  if (!isApiError(error)) {
    return {
      icon: CircleAlert,
      title: errorTitle(error),
      description: 'The console hit an unexpected error while showing this.',
      tone: 'destructive',
    }
  }
  const { status, details } = error
  const byKind: Record<ApiErrorKind, () => Omit<Described, 'title'>> = {
    network: () => ({
      icon: Unplug,
      description:
        'The browser could not reach the console’s own server: is it still running (npm start)? The console checks every few seconds and refreshes the page’s data when it answers; an action that failed is not sent again.',
      tone: 'destructive',
    }),
    timeout: () => ({
      icon: Timer,
      description: 'The cloud took too long to answer. It may still be working; retry in a moment.',
      tone: 'warning',
    }),
    aborted: () => ({
      icon: Ban,
      description: 'It stopped before an answer arrived. Retry to send it again.',
      tone: 'warning',
    }),
    unauthorized: () => ({
      icon: KeyRound,
      description: (
        <>
          <p>
            The cloud rejected the key the local proxy sends. Create a key in the elizaOS Cloud
            dashboard, set it in the proxy’s environment (or its <code>.env</code> file, as the
            README’s “Configuration” table shows) and restart the console with{' '}
            <code>npm start</code>.
          </p>
        </>
      ),
      tone: 'warning',
    }),
    session_only: () => ({
      icon: LogIn,
      description:
        'The cloud accepts this only from a signed-in browser session, not from an API key. Do it in the elizaOS Cloud dashboard.',
      action: (
        <a className={linkClass} href={DASHBOARD_URL} target="_blank" rel="noreferrer">
          Open the dashboard
        </a>
      ),
      tone: 'warning',
    }),
    insufficient_credits: () => ({
      icon: Wallet,
      description:
        details.requiredUsd !== undefined
          ? `This needs a balance of at least ${formatUsd(details.requiredUsd)}. Add credits, then retry.`
          : 'Your balance is too low for this. Add credits, then retry.',
      action: <AddCreditsLink />,
      tone: 'warning',
    }),
    forbidden: () => ({
      icon: Ban,
      description:
        'The key’s account may not do this (for example a viewer role, an inactive organization or a quota that is used up).',
      tone: 'destructive',
    }),
    not_found: () => ({
      icon: SearchX,
      description: 'It may have been deleted, or the link points to something that never existed.',
      action: (
        <a className={linkClass} href="/">
          Go to Overview
        </a>
      ),
      tone: 'warning',
    }),
    invalid: () => ({
      icon: FileWarning,
      description: 'Some of what was sent is not valid. See the details below.',
      tone: 'warning',
    }),
    conflict: () => ({
      icon: CircleAlert,
      description:
        'Something with the same name exists, or it changed meanwhile. Reload and retry.',
      tone: 'warning',
    }),
    rate_limited: () => ({
      icon: Clock,
      description: 'Too many requests in a short time. The cloud asks to wait before the next one.',
      tone: 'warning',
    }),
    server: () => ({
      icon: ServerCrash,
      description: 'This is on the cloud’s side. Retry; if it keeps failing, try again later.',
      tone: 'destructive',
    }),
    unavailable: () => ({
      icon: CloudOff,
      description: `The local proxy could not get an answer from the cloud (${gatewayText(status)}). Check your connection or the cloud’s status, then retry.`,
      tone: 'destructive',
    }),
    bad_response: () => ({
      icon: FileWarning,
      description: 'The cloud answered with data the console does not understand.',
      tone: 'destructive',
    }),
    stream_cut: () => ({
      icon: PlugZap,
      description: 'The connection ended before the reply was complete. What arrived is kept.',
      tone: 'warning',
    }),
    too_large: () => ({
      icon: FileWarning,
      description: 'The file or request is over the cloud’s size limit.',
      tone: 'warning',
    }),
  }
  return { ...(byKind[error.kind] ?? byKind.server)(), title: errorTitle(error) }
}

/** The full error presentation; loaded by ErrorState on the first error. */
export function ErrorStateView({
  error,
  onRetry,
  isRetrying = false,
  retryLabel = 'Retry',
  size = 'card',
  headingLevel = 3,
  className,
}: ErrorStateProps) {
  const { icon: Icon, title, description, action, tone } = describeError(error)
  const retryAfterSec =
    isApiError(error) && error.kind === 'rate_limited' ? error.details.retryAfterSec : undefined
  const secondsLeft = useCountdown(retryAfterSec)
  const isWaiting = secondsLeft !== null && secondsLeft > 0

  return (
    <ErrorStateFrame
      size={size}
      headingLevel={headingLevel}
      className={className}
      marker={
        <span
          className={cn(
            'mt-0.5 flex size-8 shrink-0 items-center justify-center rounded-full',
            tone === 'destructive'
              ? 'bg-destructive-soft text-destructive'
              : 'bg-warning-soft text-warning',
          )}
        >
          <Icon aria-hidden className="size-4" />
        </span>
      }
      title={title}
      body={
        <>
          <div className="text-sm leading-relaxed text-muted-foreground">{description}</div>
          {isWaiting ? (
            <p className="text-sm font-medium text-foreground tabular-nums">
              You can retry in {secondsLeft} s.
            </p>
          ) : null}
        </>
      }
      actions={
        onRetry || action ? (
          <div className="flex flex-wrap items-center gap-3 pl-11">
            {onRetry ? (
              <RetryButton
                onRetry={onRetry}
                isRetrying={isRetrying}
                isWaiting={isWaiting}
                label={retryLabel}
              />
            ) : null}
            {action}
          </div>
        ) : null
      }
    >
      <ErrorDetails error={error} />
    </ErrorStateFrame>
  )
}

/** Seconds left until `seconds` have passed since mount (null without a limit). */
function useCountdown(seconds: number | undefined): number | null {
  const [deadline] = useState(() =>
    seconds !== undefined && seconds > 0 ? Date.now() + seconds * 1000 : null,
  )
  const [now, setNow] = useState(() => Date.now())
  const isRunning = deadline !== null && now < deadline
  useEffect(() => {
    if (!isRunning) return
    const timer = window.setInterval(() => setNow(Date.now()), 250)
    return () => window.clearInterval(timer)
  }, [isRunning])
  if (deadline === null) return null
  return Math.max(0, Math.ceil((deadline - now) / 1000))
}

function ErrorDetails({ error }: { error: unknown }) {
  const rows: [string, ReactNode][] = []
  if (isApiError(error)) {
    const apiError: ApiError = error
    if (apiError.message) rows.push(['Message', apiError.message])
    if (apiError.status !== null) rows.push(['HTTP status', String(apiError.status)])
    if (apiError.details.code) rows.push(['Code', apiError.details.code])
    const fieldErrors = apiError.details.fieldErrors
    if (fieldErrors && Object.keys(fieldErrors).length > 0) {
      rows.push([
        'Fields',
        <ul key="fields" className="grid gap-0.5">
          {Object.entries(fieldErrors).map(([field, messages]) => (
            <li key={field}>
              <span className="font-mono">{field}</span>: {messages.join('; ')}
            </li>
          ))}
        </ul>,
      ])
    }
    if (apiError.details.raw) {
      rows.push([
        'Response',
        <pre
          key="raw"
          className="max-h-40 overflow-auto rounded bg-muted p-2 font-mono text-xs whitespace-pre-wrap"
        >
          {apiError.details.raw.slice(0, 4000)}
        </pre>,
      ])
    }
  } else if (error instanceof Error && error.message) {
    rows.push(['Message', error.message])
  }
  if (rows.length === 0) return null
  return (
    <details className="group pl-11 text-sm">
      <summary className="w-fit cursor-pointer rounded-sm text-muted-foreground select-none hover:text-foreground">
        Details
      </summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 rounded-md border bg-muted/50 p-3 text-xs">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="font-medium text-muted-foreground">{label}</dt>
            <dd className="min-w-0 break-words text-foreground">{value}</dd>
          </div>
        ))}
      </dl>
    </details>
  )
}

/** The billing page with its "Add credits" form open (routes/billing/route.tsx reads the hash). */
const ADD_CREDITS_HREF = '/billing#add-credits'

/**
 * "Add credits" for an out-of-credits state: a client-side navigation inside the app (nothing
 * typed is lost), a plain link where no router is mounted.
 */
function AddCreditsLink() {
  const router = useRouter({ warn: false })
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!router || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    void router.navigate({ to: '/billing', hash: 'add-credits' })
  }
  return (
    <a className={linkClass} href={ADD_CREDITS_HREF} onClick={handleClick}>
      Add credits
    </a>
  )
}
