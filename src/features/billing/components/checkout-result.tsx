import { useQuery, useQueryClient } from '@tanstack/react-query'
import { CircleCheck, CircleSlash, Clock, X } from 'lucide-react'
import { useEffect, type ReactNode } from 'react'
import { ErrorState } from '@/components/error-state'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Skeleton } from '@/components/ui/skeleton'
import { formatUsd } from '@/lib/format'
import { billingKeys, invalidateMoneyQueries } from '../api/keys'
import { verifyCheckoutQuery } from '../api/queries'

export type CheckoutReturn = { outcome: 'success'; sessionId: string } | { outcome: 'cancelled' }

/**
 * What the checkout page sent the browser back with. Success is confirmed with verify, which
 * only reads the session (docs/billing.md §Verify): a reload asks again and gets the same answer.
 */
export function CheckoutResult({
  value,
  onDismiss,
}: {
  value: CheckoutReturn
  onDismiss: () => void
}) {
  if (value.outcome === 'cancelled') {
    return (
      <ResultAlert
        variant="default"
        icon={<CircleSlash aria-hidden />}
        title="Checkout cancelled"
        onDismiss={onDismiss}
      >
        No charge was made and your balance is unchanged.
      </ResultAlert>
    )
  }
  return <VerifiedCheckout sessionId={value.sessionId} onDismiss={onDismiss} />
}

function VerifiedCheckout({ sessionId, onDismiss }: { sessionId: string; onDismiss: () => void }) {
  const queryClient = useQueryClient()
  const verify = useQuery(verifyCheckoutQuery(sessionId))
  const isPaid = verify.data?.success === true

  // The payment already moved the balance; the cached balance and ledger are stale.
  useEffect(() => {
    if (!isPaid) return
    // The paid checkout saved a card too (sandbox), so the settings are stale as well.
    void invalidateMoneyQueries(queryClient, [billingKeys.settings()])
  }, [isPaid, queryClient])

  if (verify.isPending) {
    return (
      <div role="status" aria-label="Checking the payment" className="grid gap-2">
        <Skeleton className="h-16 rounded-lg" />
      </div>
    )
  }
  if (verify.isError) {
    return (
      <ErrorState
        error={verify.error}
        onRetry={() => void verify.refetch()}
        isRetrying={verify.isRefetching}
        retryLabel="Check the payment again"
      />
    )
  }
  const result = verify.data
  if (result.success) {
    return (
      <ResultAlert
        variant="success"
        icon={<CircleCheck aria-hidden />}
        title="Payment received"
        onDismiss={onDismiss}
      >
        {result.amount !== undefined ? formatUsd(result.amount) : 'The amount'} was added to your
        balance.
      </ResultAlert>
    )
  }
  if (result.status === 'unpaid') {
    return (
      <ResultAlert
        variant="warning"
        icon={<Clock aria-hidden />}
        title="Payment not completed"
        onDismiss={onDismiss}
        action={
          <Button
            size="sm"
            variant="outline"
            pending={verify.isRefetching}
            onClick={() => void verify.refetch()}
          >
            Check again
          </Button>
        }
      >
        The checkout session is not paid yet, so nothing was charged. If you paid, check again in a
        moment.
      </ResultAlert>
    )
  }
  return (
    <ResultAlert
      variant="warning"
      icon={<CircleSlash aria-hidden />}
      title="Not a credit purchase"
      onDismiss={onDismiss}
    >
      The server says: {result.error ?? 'this session did not buy credits'}.
    </ResultAlert>
  )
}

function ResultAlert({
  variant,
  icon,
  title,
  action,
  onDismiss,
  children,
}: {
  variant: 'success' | 'warning' | 'default'
  icon: ReactNode
  title: string
  action?: ReactNode
  onDismiss: () => void
  children: ReactNode
}) {
  const tone =
    variant === 'success'
      ? 'border-success/30 bg-success-soft text-foreground [&>svg]:text-success'
      : undefined
  return (
    <Alert role="status" variant={variant === 'success' ? 'default' : variant} className={tone}>
      {icon}
      <AlertTitle className="pr-8">{title}</AlertTitle>
      <AlertDescription className="text-foreground">
        <p>{children}</p>
        {action ? <div className="mt-2">{action}</div> : null}
      </AlertDescription>
      <Button
        variant="ghost"
        size="icon-sm"
        label="Dismiss"
        className="absolute top-1.5 right-1.5"
        onClick={onDismiss}
      >
        <X aria-hidden />
      </Button>
    </Alert>
  )
}
