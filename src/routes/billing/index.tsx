import { createFileRoute, type SearchSchemaInput } from '@tanstack/react-router'
import { useCallback, useState } from 'react'
import { UnsavedChangesGuard } from '@/components/unsaved-changes-dialog'
import { billingSettingsQuery, summaryQuery } from '@/features/billing/api/queries'
import { AgentBudgetsCard } from '@/features/billing/components/agent-budgets-card'
import { AutoTopUpCard } from '@/features/billing/components/auto-top-up-card'
import { CheckoutResult, type CheckoutReturn } from '@/features/billing/components/checkout-result'
import { oneOf, optionalText } from '@/lib/search-params'

type BillingSearch = { checkout?: 'success' | 'cancelled'; session_id?: string }

// What the checkout page sends back: ?checkout=success&session_id=… or ?checkout=cancelled.
const validateSearch = (search: BillingSearch & SearchSchemaInput): BillingSearch => {
  const checkout = oneOf(search.checkout, ['success', 'cancelled', ''] as const, '')
  const sessionId = optionalText(search.session_id, { pattern: /^[\w-]{1,200}$/ })
  return checkout ? { checkout, session_id: sessionId } : {}
}

export const Route = createFileRoute('/billing/')({
  validateSearch,
  // Both cards' data, side by side, so the page paints once, complete: a card that grew after
  // its skeleton moved the one below it (layout shift 0.04–0.10). A failure shows in its card.
  loader: ({ context: { queryClient } }) =>
    Promise.all([
      queryClient.prefetchQuery(billingSettingsQuery()),
      queryClient.prefetchQuery(summaryQuery()),
    ]),
  component: BillingOverview,
})

function BillingOverview() {
  const { checkout, session_id: sessionId } = Route.useSearch()
  const navigate = Route.useNavigate()
  const [hasUnsaved, setHasUnsaved] = useState(false)
  const handleDismiss = useCallback(() => void navigate({ search: {}, replace: true }), [navigate])
  const result: CheckoutReturn | null =
    checkout === 'cancelled'
      ? { outcome: 'cancelled' }
      : checkout === 'success' && sessionId
        ? { outcome: 'success', sessionId }
        : null

  return (
    <div className="grid gap-6">
      {result ? (
        <CheckoutResult
          key={result.outcome === 'success' ? result.sessionId : 'cancelled'}
          value={result}
          onDismiss={handleDismiss}
        />
      ) : null}
      <AutoTopUpCard onUnsavedChange={setHasUnsaved} />
      <AgentBudgetsCard />
      <UnsavedChangesGuard
        shouldBlock={() => hasUnsaved}
        description="Your auto top-up changes are not saved yet."
      />
    </div>
  )
}
