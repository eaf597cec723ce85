import { useQuery } from '@tanstack/react-query'
import { TriangleAlert } from 'lucide-react'
import { balanceQuery } from '@/features/billing/api/queries'
import { formatUsd } from '@/lib/format'
import { containerQuotaQuery } from '../api/detail-queries'
import { dailyCost, deploymentFee, type Sizing } from '../api/pricing'

/**
 * The price before Deploy (docs/containers.md §Billing): the fee charged at once for this size,
 * the daily charge while it runs, and the balance. Says when the cloud will refuse (402 for the
 * balance, 403 for the quota) before the request is made.
 */
export function PriceSummary({
  sizing,
  isRedeploy,
}: {
  sizing: Sizing | null
  isRedeploy: boolean
}) {
  const balance = useQuery(balanceQuery())
  const quota = useQuery(containerQuotaQuery())
  const fee = sizing ? deploymentFee(sizing) : null
  const perDay = sizing ? dailyCost(sizing) : null
  const available = balance.data?.balance ?? null
  const isShort = fee !== null && available !== null && available < fee
  const isQuotaFull = !isRedeploy && quota.data !== undefined && quota.data.quota.remaining <= 0
  return (
    <div className="grid gap-2">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-muted-foreground">{isRedeploy ? 'Redeploy fee' : 'Deploy fee'}</dt>
        <dd className="font-medium tabular-nums">
          {fee === null ? '—' : formatUsd(fee)}
          <span className="font-normal text-muted-foreground"> charged now</span>
        </dd>
        <dt className="text-muted-foreground">While running</dt>
        <dd className="tabular-nums">{perDay === null ? '—' : `${formatUsd(perDay)} per day`}</dd>
        <dt className="text-muted-foreground">Balance</dt>
        <dd className="tabular-nums">
          {available !== null ? (
            <>
              {formatUsd(available)}
              {fee !== null && !isShort ? (
                <span className="text-muted-foreground"> · {formatUsd(available - fee)} after</span>
              ) : null}
            </>
          ) : balance.isError ? (
            <span className="text-muted-foreground">Unavailable</span>
          ) : (
            <span className="text-muted-foreground">Loading…</span>
          )}
        </dd>
      </dl>
      {isShort ? (
        <p className="flex items-start gap-1.5 text-xs font-medium text-warning">
          <TriangleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
          The balance does not cover the fee: the cloud will refuse this deploy. Add credits, or
          choose a smaller size.
        </p>
      ) : null}
      {isQuotaFull ? (
        <p className="flex items-start gap-1.5 text-xs font-medium text-warning">
          <TriangleAlert aria-hidden className="mt-px size-3.5 shrink-0" />
          {`All ${quota.data?.quota.max ?? ''} containers your balance allows are in use: a new one will be refused (redeploying an existing project is fine).`}
        </p>
      ) : null}
      {isRedeploy ? (
        <p className="text-xs text-muted-foreground">
          Same project name: the cloud updates that container and charges the fee again.
        </p>
      ) : null}
    </div>
  )
}
