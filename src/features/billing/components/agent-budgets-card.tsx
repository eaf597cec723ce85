import { useQuery } from '@tanstack/react-query'
import { Bot } from 'lucide-react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Badge } from '@/components/ui/badge'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { formatNumber, formatUsd } from '@/lib/format'
import { summaryQuery } from '../api/queries'
import type { AgentBudget } from '../api/schemas'

/** Per-agent budgets and earnings from the credits summary (docs/billing.md §Summary). */
export function AgentBudgetsCard() {
  const summary = useQuery(summaryQuery())
  return (
    <Card>
      <CardHeader>
        <div className="grid gap-1">
          <CardTitle>Agents: budgets and earnings</CardTitle>
          <CardDescription>
            What each agent may spend and has earned, in US dollars. Agents without a budget draw on
            the organization balance.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="grid gap-4">
        {summary.data ? (
          <>
            {summary.data.earnings ? (
              <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
                <Stat
                  label="Earned in total"
                  value={formatUsd(summary.data.earnings.totalEarned)}
                />
                <Stat
                  label="Available to redeem"
                  value={formatUsd(summary.data.earnings.availableBalance)}
                />
                <Stat label="Pending" value={formatUsd(summary.data.earnings.totalPending)} />
                <Stat label="Redeemed" value={formatUsd(summary.data.earnings.totalRedeemed)} />
              </dl>
            ) : null}
            {summary.data.agents.length === 0 ? (
              <EmptyState
                icon={Bot}
                title="No agents yet"
                description="Budgets and earnings appear here once the organization has agents."
              />
            ) : (
              <div className="overflow-x-auto">
                <table className="w-full min-w-[40rem] text-sm">
                  <caption className="sr-only">Agent budgets and earnings</caption>
                  <thead className="text-left text-xs text-muted-foreground">
                    <tr className="border-b border-border">
                      <th scope="col" className="py-2 pr-3 font-medium">
                        Agent
                      </th>
                      <th scope="col" className="py-2 pr-3 text-right font-medium">
                        Budget
                      </th>
                      <th scope="col" className="py-2 pr-3 text-right font-medium">
                        Spent
                      </th>
                      <th scope="col" className="py-2 pr-3 text-right font-medium">
                        Daily limit
                      </th>
                      <th scope="col" className="py-2 pr-3 text-right font-medium">
                        Earnings
                      </th>
                      <th scope="col" className="py-2 text-right font-medium">
                        Requests
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.data.agents.map((agent) => (
                      <AgentRow key={agent.id} agent={agent} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        ) : summary.isError ? (
          <ErrorState
            error={summary.error}
            onRetry={() => void summary.refetch()}
            isRetrying={summary.isRefetching}
          />
        ) : (
          <div role="status" aria-label="Loading agent budgets" className="grid gap-2">
            <Skeleton className="h-12" />
            <Skeleton className="h-24" />
          </div>
        )}
      </CardContent>
    </Card>
  )
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-0.5 rounded-lg border border-border px-3 py-2">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="font-semibold tabular-nums">{value}</dd>
    </div>
  )
}

function AgentRow({ agent }: { agent: AgentBudget }) {
  return (
    <tr className="border-b border-border last:border-0">
      <th scope="row" className="py-2 pr-3 text-left font-medium">
        <span className="flex flex-wrap items-center gap-2">
          {agent.name}
          {agent.isPaused ? (
            <Badge variant="outline" title={agent.pauseReason ?? undefined}>
              Paused
            </Badge>
          ) : null}
        </span>
      </th>
      <td className="py-2 pr-3 text-right tabular-nums">
        {agent.hasBudget ? (
          formatUsd(agent.allocated)
        ) : (
          <span className="text-muted-foreground">No budget</span>
        )}
      </td>
      <td className="py-2 pr-3 text-right tabular-nums">
        {agent.hasBudget ? formatUsd(agent.spent) : '—'}
      </td>
      <td className="py-2 pr-3 text-right tabular-nums">
        {agent.dailyLimit === null
          ? '—'
          : `${formatUsd(agent.dailySpent)} of ${formatUsd(agent.dailyLimit)}`}
      </td>
      <td className="py-2 pr-3 text-right tabular-nums">{formatUsd(agent.totalEarnings)}</td>
      <td className="py-2 text-right tabular-nums">{formatNumber(agent.totalRequests)}</td>
    </tr>
  )
}
