import { BalanceNote } from '@/components/balance-note'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { balanceQuery } from '@/features/billing/api/queries'
import type { ApiError } from '@/lib/api-error'
import { describeRpcError } from '../api/rpc-errors'

/** Kinds whose presentation carries an action (Add credits, a countdown, how to fix the key). */
const WITH_ACTION = new Set<ApiError['kind']>([
  'insufficient_credits',
  'rate_limited',
  'unauthorized',
  'network',
  'timeout',
  'unavailable',
])

/**
 * A failed call, never a blank result: what the JSON-RPC code means, the cloud's own message and
 * code, and where there is one, the action (ErrorState's "Add credits", the rate-limit countdown).
 */
export function RpcErrorPanel({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const info = describeRpcError(error)
  return (
    <div className="grid gap-3">
      <div
        role="alert"
        className="grid gap-2 rounded-lg border border-destructive/40 bg-destructive-soft/40 p-4"
      >
        <div className="flex flex-wrap items-center gap-2">
          <h3 className="text-base font-semibold">{info.title}</h3>
          {info.code !== undefined ? (
            <Badge variant="destructive" className="font-mono">
              {info.code}
            </Badge>
          ) : null}
          {error.status !== null ? (
            <Badge variant="outline" className="font-mono">
              HTTP {error.status}
            </Badge>
          ) : null}
        </div>
        <p className="text-sm">{info.explanation}</p>
        <p className="text-sm">
          <span className="text-muted-foreground">The cloud said: </span>
          <span className="font-mono break-words">{error.message}</span>
        </p>
      </div>
      {WITH_ACTION.has(error.kind) ? (
        <div className="grid gap-2">
          <ErrorState error={error} onRetry={onRetry} retryLabel="Send again" />
          {error.kind === 'insufficient_credits' ? <BalanceNote query={balanceQuery()} /> : null}
        </div>
      ) : null}
    </div>
  )
}
