import { useQuery } from '@tanstack/react-query'
import { Building2 } from 'lucide-react'
import type { ReactNode } from 'react'
import { summaryQuery } from '@/features/billing/api/queries'
import { formatUsd } from '@/lib/format'
import { StatCard, cardState } from './stat-card'
import { DetailsSkeleton } from './upstream-card'

/** Organization and auto top-up, from the credits summary (docs/cloud/billing.md §2). */
export function AccountCard({ className }: { className?: string }) {
  const query = useQuery(summaryQuery())
  return (
    <StatCard
      title="Account"
      icon={Building2}
      className={className}
      skeleton={<DetailsSkeleton />}
      state={cardState(query, ({ organization }) => (
        <div className="grid gap-4">
          <p className="truncate text-lg font-semibold tracking-tight">{organization.name}</p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <Row
              label="Auto top-up"
              value={
                organization.autoTopUpEnabled
                  ? `${formatUsd(organization.autoTopUpAmount ?? 0)} below ${formatUsd(organization.autoTopUpThreshold ?? 0)}`
                  : 'Off'
              }
            />
            <Row
              label="Payment method"
              value={organization.hasPaymentMethod ? 'Saved' : 'None saved'}
            />
          </dl>
        </div>
      ))}
    />
  )
}

function Row({ label, value }: { label: string; value: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 truncate text-right text-foreground">{value}</dd>
    </>
  )
}
