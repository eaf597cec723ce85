import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { CreditCard, RefreshCw } from 'lucide-react'
import { useEffect, useId, useMemo } from 'react'
import { Controller, useForm, type UseFormSetError } from 'react-hook-form'
import { ErrorState } from '@/components/error-state'
import { DASHBOARD_URL } from '@/components/nav-items'
import { toast } from '@/components/toast'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Skeleton } from '@/components/ui/skeleton'
import { Switch } from '@/components/ui/switch'
import { isApiError } from '@/lib/api-error'
import { formatUsd } from '@/lib/format'
import { useSaveAutoTopUp } from '../api/mutations'
import { billingSettingsQuery } from '../api/queries'
import { autoTopUpInput, type AutoTopUpValues, type BillingSettings } from '../api/schemas'

type FieldName = keyof AutoTopUpValues

// Where a refusal belongs: the zod tree's path, else the service's message (docs/billing.md §Auto top-up).
const FIELD_BY_PATH: Record<string, FieldName> = {
  'autoTopUp.amount': 'amount',
  'autoTopUp.threshold': 'threshold',
  'autoTopUp.enabled': 'enabled',
  autoTopUp: 'enabled',
}
const FIELD_BY_MESSAGE: [RegExp, FieldName][] = [
  [/payment method/i, 'enabled'],
  [/threshold/i, 'threshold'],
  [/amount/i, 'amount'],
]

/** Puts a server refusal on its field; false when it belongs to none. */
export function placeServerError(error: unknown, setError: UseFormSetError<AutoTopUpValues>) {
  if (!isApiError(error) || error.kind !== 'invalid') return false
  let placed = false
  for (const [path, messages] of Object.entries(error.details.fieldErrors ?? {})) {
    const field = FIELD_BY_PATH[path]
    if (field && messages[0]) {
      setError(field, { type: 'server', message: messages[0] })
      placed = true
    }
  }
  if (placed) return true
  const match = FIELD_BY_MESSAGE.find(([re]) => re.test(error.message))
  if (!match) return false
  setError(match[1], { type: 'server', message: error.message })
  return true
}

/** Auto top-up: loads the server's settings and limits, then the form. */
export function AutoTopUpCard({
  onUnsavedChange,
}: {
  onUnsavedChange: (hasUnsaved: boolean) => void
}) {
  const settings = useQuery(billingSettingsQuery())
  return (
    <Card>
      <CardHeader>
        <div className="grid gap-1">
          <CardTitle>Auto top-up</CardTitle>
          <CardDescription>
            Charges your saved card when the balance falls below a threshold.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent>
        {settings.data ? (
          <AutoTopUpForm settings={settings.data} onUnsavedChange={onUnsavedChange} />
        ) : settings.isError ? (
          <ErrorState
            error={settings.error}
            onRetry={() => void settings.refetch()}
            isRetrying={settings.isRefetching}
          />
        ) : (
          <div role="status" aria-label="Loading auto top-up settings" className="grid gap-3">
            <Skeleton className="h-6 w-40" />
            <div className="grid gap-3 sm:grid-cols-2">
              <Skeleton className="h-16" />
              <Skeleton className="h-16" />
            </div>
          </div>
        )}
      </CardContent>
    </Card>
  )
}

function AutoTopUpForm({
  settings,
  onUnsavedChange,
}: {
  settings: BillingSettings
  onUnsavedChange: (hasUnsaved: boolean) => void
}) {
  const { autoTopUp, limits } = settings
  const noteId = useId()
  const schema = useMemo(() => autoTopUpInput(limits), [limits])
  const saved: AutoTopUpValues = {
    enabled: autoTopUp.enabled,
    amount: autoTopUp.amount,
    threshold: autoTopUp.threshold,
  }
  const form = useForm<AutoTopUpValues>({
    resolver: zodResolver(schema),
    defaultValues: saved,
    mode: 'onTouched',
  })
  const save = useSaveAutoTopUp()
  const { register, control, formState, handleSubmit, setError } = form
  const errors = formState.errors
  const isDirty = formState.isDirty

  useEffect(() => onUnsavedChange(isDirty), [isDirty, onUnsavedChange])
  useEffect(() => () => onUnsavedChange(false), [onUnsavedChange])

  const submit = handleSubmit(async (values) => {
    // Enabling needs a saved card, which only the dashboard can add (docs/billing.md §Auto top-up).
    if (values.enabled && !autoTopUp.enabled && !autoTopUp.hasPaymentMethod) {
      setError('enabled', {
        type: 'client',
        message: 'Add a card in the elizaOS Cloud dashboard first; the API cannot add one.',
      })
      return
    }
    try {
      const result = await save.mutateAsync(values)
      form.reset({
        enabled: result.settings.autoTopUp.enabled,
        amount: result.settings.autoTopUp.amount,
        threshold: result.settings.autoTopUp.threshold,
      })
      toast.success('Auto top-up saved')
    } catch (error) {
      if (!placeServerError(error, setError)) {
        setError('root', { type: 'server', message: isApiError(error) ? error.message : '' })
      }
    }
  })

  return (
    <form noValidate onSubmit={submit} className="grid gap-4" aria-label="Auto top-up settings">
      {!autoTopUp.hasPaymentMethod ? (
        <Alert variant="info" id={noteId}>
          <CreditCard aria-hidden />
          <AlertTitle>No saved card</AlertTitle>
          <AlertDescription>
            <p>
              Turning auto top-up on needs a saved card, and the cloud’s API cannot add one: add it
              in the{' '}
              <a
                href={DASHBOARD_URL}
                target="_blank"
                rel="noreferrer"
                className="font-medium text-primary underline underline-offset-4"
              >
                elizaOS Cloud dashboard
              </a>
              . On the sandbox, paying once with Add credits saves a test card. You can still set
              the amount and threshold now.
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
      <Controller
        control={control}
        name="enabled"
        render={({ field }) => (
          <div className="grid gap-1.5">
            <div className="flex items-center gap-3">
              <Switch
                id={`${noteId}-switch`}
                checked={field.value}
                onCheckedChange={field.onChange}
                onBlur={field.onBlur}
                aria-invalid={errors.enabled ? true : undefined}
                aria-describedby={
                  [
                    errors.enabled ? `${noteId}-enabled-error` : '',
                    autoTopUp.hasPaymentMethod ? '' : noteId,
                  ]
                    .filter(Boolean)
                    .join(' ') || undefined
                }
              />
              <label htmlFor={`${noteId}-switch`} className="text-sm font-medium">
                Auto top-up
              </label>
              <span className="text-sm text-muted-foreground">
                {autoTopUp.enabled ? 'On' : 'Off'} (saved)
              </span>
            </div>
            {errors.enabled ? (
              <p id={`${noteId}-enabled-error`} className="text-sm text-destructive">
                {errors.enabled.message}
              </p>
            ) : null}
          </div>
        )}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Top-up amount (USD)"
          error={errors.amount?.message}
          description={`${formatUsd(limits.minAmount)} to ${formatUsd(limits.maxAmount)} charged each time.`}
        >
          <Input
            type="number"
            inputMode="decimal"
            step="0.01"
            {...register('amount', { valueAsNumber: true })}
          />
        </Field>
        <Field
          label="Threshold (USD)"
          error={errors.threshold?.message}
          description={`Top up when the balance falls below this (${formatUsd(limits.minThreshold)} to ${formatUsd(limits.maxThreshold)}).`}
        >
          <Input
            type="number"
            inputMode="decimal"
            step="0.01"
            {...register('threshold', { valueAsNumber: true })}
          />
        </Field>
      </div>
      {errors.root ? (
        save.error ? (
          <ErrorState error={save.error} />
        ) : (
          <p className="text-sm text-destructive">{errors.root.message}</p>
        )
      ) : null}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" pending={save.isPending}>
          Save
        </Button>
        <Button
          type="button"
          variant="ghost"
          disabled={!isDirty || save.isPending}
          onClick={() => form.reset(saved)}
        >
          <RefreshCw aria-hidden />
          Discard changes
        </Button>
        <p className="text-xs text-muted-foreground">
          The cloud checks balances every 15 minutes; a failed charge turns auto top-up off.
        </p>
      </div>
    </form>
  )
}
