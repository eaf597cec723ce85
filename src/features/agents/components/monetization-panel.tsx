import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { AlertCircle, CircleDollarSign } from 'lucide-react'
import { useState } from 'react'
import { useForm, type UseFormReturn } from 'react-hook-form'
import { UnsavedChangesGuard, UnsavedChangesNote } from '@/components/unsaved-changes-dialog'
import { ErrorState } from '@/components/error-state'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogConfirm,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from '@/components/ui/alert-dialog'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Skeleton } from '@/components/ui/skeleton'
import { isApiError } from '@/lib/api-error'
import { formatNumber, formatUsd } from '@/lib/format'
import { useUpdateMonetization } from '../api/mutations'
import {
  agentMonetizationQuery,
  monetizationInput,
  type Monetization,
  type MonetizationValues,
} from '../api/publishing'
import type { Agent } from '../api/schemas'
import { CheckboxField } from './checkbox-field'

type AgentRef = Pick<Agent, 'id' | 'name'>

/** The body's names → the form's (the cloud's zod tree names the body fields). */
const FORM_FIELD: Record<string, keyof MonetizationValues> = {
  monetizationEnabled: 'enabled',
  markupPercentage: 'markupPercentage',
  payoutWalletAddress: 'payoutWalletAddress',
}

function applyServerErrors(form: UseFormReturn<MonetizationValues>, error: unknown) {
  let placed = false
  if (isApiError(error)) {
    for (const [path, messages] of Object.entries(error.details.fieldErrors ?? {})) {
      const field = FORM_FIELD[path]
      if (!field) continue
      form.setError(field, { type: 'server', message: messages.join(' ') })
      placed = true
    }
  }
  // The service's refusals ("Agent must be public to enable monetization") name no field.
  if (!placed) {
    form.setError('root', {
      type: 'server',
      message: error instanceof Error ? error.message : String(error),
    })
  }
}

/** Monetization of an agent: a markup on inference others run through it, paid to a wallet. */
export function MonetizationPanel({ agent }: { agent: AgentRef }) {
  const query = useQuery(agentMonetizationQuery(agent.id))
  let body
  if (query.isPending) body = <Skeleton className="h-40" />
  else if (query.isError)
    body = (
      <ErrorState
        error={query.error}
        onRetry={() => void query.refetch()}
        isRetrying={query.isRefetching}
      />
    )
  else
    body = (
      <MonetizationForm
        // A saved or refetched state starts the form over from what the cloud holds.
        key={JSON.stringify(query.data)}
        agent={agent}
        data={query.data}
      />
    )
  return (
    <Card aria-labelledby="monetization-title">
      <CardHeader className="grid gap-1">
        <CardTitle id="monetization-title">
          <CircleDollarSign aria-hidden />
          Monetization
        </CardTitle>
        <CardDescription>
          A markup on the inference others run through this public agent, paid to your wallet.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 pb-5">{body}</CardContent>
    </Card>
  )
}

function MonetizationForm({ agent, data }: { agent: AgentRef; data: Monetization }) {
  const update = useUpdateMonetization()
  const form = useForm<MonetizationValues>({
    resolver: zodResolver(monetizationInput),
    defaultValues: {
      enabled: data.enabled,
      markupPercentage: String(data.markupPercentage),
      payoutWalletAddress: data.payoutWalletAddress ?? '',
    },
  })
  const { register, formState } = form
  // Turning monetization off waits for a confirmation.
  const [pendingOff, setPendingOff] = useState<MonetizationValues | null>(null)

  const save = (values: MonetizationValues) =>
    update.mutate(
      { id: agent.id, values },
      {
        // The saved state comes back through the query and starts a new form (the `key`).
        onSuccess: () => setPendingOff(null),
        onError: (error) => {
          setPendingOff(null)
          applyServerErrors(form, error)
        },
      },
    )
  const submit = form.handleSubmit((values) => {
    if (data.enabled && !values.enabled) setPendingOff(values)
    else save(values)
  })
  const cannotEnable = !data.isPublic && !data.enabled

  return (
    <form className="grid gap-4" noValidate onSubmit={(e) => void submit(e)}>
      <dl className="grid grid-cols-3 gap-3 text-sm">
        <div className="grid gap-0.5">
          <dt className="text-xs text-muted-foreground">Status</dt>
          <dd>
            {data.enabled ? (
              <Badge variant="success">On</Badge>
            ) : (
              <Badge variant="outline">Off</Badge>
            )}
          </dd>
        </div>
        <div className="grid gap-0.5">
          <dt className="text-xs text-muted-foreground">Earnings</dt>
          <dd className="tabular-nums">{formatUsd(data.totalEarnings ?? 0)}</dd>
        </div>
        <div className="grid gap-0.5">
          <dt className="text-xs text-muted-foreground">Paid requests</dt>
          <dd className="tabular-nums">{formatNumber(data.totalRequests ?? 0)}</dd>
        </div>
      </dl>
      <CheckboxField
        label="Charge for usage"
        description={
          cannotEnable
            ? 'Only a public agent can be monetized: publish it first.'
            : 'Callers pay the model’s price plus your markup.'
        }
        disabled={cannotEnable}
        {...register('enabled')}
      />
      <div className="grid gap-3 sm:grid-cols-[8rem_1fr]">
        <Field
          label="Markup (%)"
          description="0–1000"
          error={formState.errors.markupPercentage?.message}
        >
          <Input inputMode="decimal" {...register('markupPercentage')} />
        </Field>
        <Field
          label="Payout wallet address"
          description="Left empty, the saved address is kept."
          error={formState.errors.payoutWalletAddress?.message}
        >
          <Input className="font-mono text-xs" {...register('payoutWalletAddress')} />
        </Field>
      </div>
      {formState.errors.root?.message ? (
        <Alert variant="destructive" role="alert">
          <AlertCircle aria-hidden />
          <AlertTitle>Not saved</AlertTitle>
          <AlertDescription>{formState.errors.root.message}</AlertDescription>
        </Alert>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="outline" pending={update.isPending && !pendingOff}>
          Save monetization
        </Button>
        {formState.isDirty ? <UnsavedChangesNote /> : null}
      </div>
      <UnsavedChangesGuard
        shouldBlock={() => formState.isDirty && !update.isPending}
        description="Your monetization changes are not saved; leaving throws them away."
      />
      <AlertDialog
        open={pendingOff !== null}
        onOpenChange={(open) => {
          if (!open) setPendingOff(null)
        }}
      >
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Turn off monetization for {agent.name}?</AlertDialogTitle>
            <AlertDialogDescription>
              Callers stop paying your markup from now on. Earnings so far are kept.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel />
            <AlertDialogConfirm
              pending={update.isPending}
              onClick={() => {
                if (pendingOff) save(pendingOff)
              }}
            >
              Turn off
            </AlertDialogConfirm>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>
    </form>
  )
}
