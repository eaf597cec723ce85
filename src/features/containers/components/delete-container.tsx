import { useQuery } from '@tanstack/react-query'
import { Trash2 } from 'lucide-react'
import { useState } from 'react'
import { ConfirmMutationDialog } from '@/components/confirm-mutation-dialog'
import { Button } from '@/components/ui/button'
import { formatDuration, formatUsd } from '@/lib/format'
import { useNow } from '@/lib/use-now'
import { deploymentsQuery } from '../api/detail-queries'
import type { ContainerDetail } from '../api/detail-schemas'
import { useDeleteContainer } from '../api/mutations'
import { deleteRefund, deploymentFee, nextRefundStep, refundShare } from '../api/pricing'

/**
 * Delete behind a confirmation that states the refund rule (docs/containers.md §Delete) with this
 * container's figure. The cloud waits for the stack teardown (up to 15 minutes) before answering.
 */
export function DeleteContainer({
  container,
  onDeleted,
}: {
  container: ContainerDetail
  onDeleted: (refund: number) => void
}) {
  const remove = useDeleteContainer(container.id)
  const [isOpen, setIsOpen] = useState(false)
  return (
    <ConfirmMutationDialog
      open={isOpen}
      onOpenChange={setIsOpen}
      trigger={
        <Button variant="outline" size="sm" className="text-destructive">
          <Trash2 aria-hidden />
          Delete
        </Button>
      }
      title={`Delete ${container.name}?`}
      description={
        <RefundText container={container} isOpen={isOpen} isPending={remove.isPending} />
      }
      confirmLabel="Delete"
      mutation={remove}
      onConfirm={(close) =>
        remove.mutate(undefined, {
          onSuccess: (result) => {
            close()
            onDeleted(result.refund)
          },
        })
      }
    />
  )
}

function RefundText({
  container: c,
  isOpen,
  isPending,
}: {
  container: ContainerDetail
  isOpen: boolean
  isPending: boolean
}) {
  // The fee of its deployment, as recorded; else the formula for its current size.
  const history = useQuery({ ...deploymentsQuery(c.id), enabled: isOpen })
  const recorded = history.data?.[0]?.cost ?? null
  const fee =
    recorded ??
    deploymentFee({ cpu: c.cpu ?? 1792, memory: c.memory ?? 1792, instances: c.instances ?? 1 })
  const now = useNow(isOpen, 30_000)
  const age = c.createdAt ? now - Date.parse(c.createdAt) : Number.POSITIVE_INFINITY
  const refund = deleteRefund(fee, c.status, age)
  const share = refundShare(c.status, age)
  const next = nextRefundStep(c.status, age)
  return (
    <>
      The stack is torn down and the container removed; this cannot be undone. The cloud refunds
      part of the deploy fee only for a running container: 75 % within 2 hours of its creation, 50 %
      within 24 hours, rounded down to whole dollars; otherwise nothing.{' '}
      <strong className="font-medium text-foreground">
        {refund > 0
          ? `This one: about ${formatUsd(refund)} back (${share * 100} % of the ${formatUsd(fee)} fee)${next !== null ? `, for ${formatDuration(next)} more` : ''}.`
          : c.status !== 'running'
            ? `This one is ${c.status}: no refund.`
            : share > 0
              ? `This one: ${share * 100} % of ${formatUsd(fee)} rounds down to $0.`
              : 'This one is older than 24 hours: no refund.'}
      </strong>
      {isPending ? ' Tearing down; this can take several minutes…' : null}
    </>
  )
}
