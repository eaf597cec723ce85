import { zodResolver } from '@hookform/resolvers/zod'
import { useQuery } from '@tanstack/react-query'
import { Coins } from 'lucide-react'
import type { ReactNode } from 'react'
import { useForm } from 'react-hook-form'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { DASHBOARD_URL } from '@/components/nav-items'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from '@/components/ui/card'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Skeleton } from '@/components/ui/skeleton'
import { isApiError } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { formatUsd } from '@/lib/format'
import {
  CRYPTO_MAX_USD,
  CRYPTO_MIN_USD,
  cryptoPaymentInputSchema,
  cryptoPaymentsQuery,
  isSessionOnlyRefusal,
  useCreateCryptoPayment,
  useCryptoPayment,
  type CryptoPayment,
  type CryptoPaymentInput,
  type CryptoStatus,
} from '../api/payments'
import {
  DetailQueryBody,
  DetailRows,
  ExternalAnchor,
  formatExactTime,
  RelativeTime,
} from './detail-parts'

const STATUS_VARIANT: Record<string, 'success' | 'warning' | 'destructive' | 'outline'> = {
  confirmed: 'success',
  pending: 'warning',
  expired: 'outline',
  failed: 'destructive',
}

export function CryptoStatusBadge({ status }: { status: string }) {
  return <Badge variant={STATUS_VARIANT[status] ?? 'outline'}>{status}</Badge>
}

/** GET /api/crypto/status said plainly: enabled or not, testnet or not, what can be paid with. */
export function CryptoStatusCard({ status }: { status: CryptoStatus }) {
  return (
    <Alert variant={status.enabled ? 'info' : 'warning'}>
      <AlertTitle>
        {status.enabled
          ? `Crypto payments are available${status.isTestnet ? ' (testnet: no real money moves)' : ''}`
          : 'Crypto payments are not available on this deployment'}
      </AlertTitle>
      <AlertDescription>
        {status.enabled ? (
          <p>
            Tokens: {status.supportedTokens.join(', ') || 'none listed'}. Networks:{' '}
            {status.networks.map((n) => n.name).join(', ') || 'none listed'}.
          </p>
        ) : (
          <p>
            The cloud has no crypto payment provider configured, so none can be created or paid.
          </p>
        )}
      </AlertDescription>
    </Alert>
  )
}

type CreateProps = {
  status: CryptoStatus
  /** False on the cloud and in strict mode, where creating one needs a dashboard login. */
  canCreate: boolean
}

/** A new crypto payment (sandbox), or why one cannot be made here (cloud: session only). */
export function CreateCryptoPayment({ status, canCreate }: CreateProps) {
  const create = useCreateCryptoPayment()
  const form = useForm<CryptoPaymentInput>({
    resolver: zodResolver(cryptoPaymentInputSchema),
    defaultValues: {
      amount: 25,
      payCurrency: status.supportedTokens[0] ?? 'USDT',
      network: 'AUTO',
    },
  })
  if (!status.enabled) return null
  if (!canCreate) return <SessionOnlyNote />
  const onSubmit = form.handleSubmit(async (values) => {
    try {
      await create.mutateAsync(values)
    } catch (error) {
      for (const [path, messages] of Object.entries(
        isApiError(error) ? (error.details.fieldErrors ?? {}) : {},
      )) {
        if (path === 'amount' && messages[0]) form.setError('amount', { message: messages[0] })
      }
    }
  })
  const errors = form.formState.errors
  return (
    <form
      onSubmit={(e) => void onSubmit(e)}
      className="grid gap-4"
      noValidate
      aria-label="New crypto payment"
    >
      <div className="grid items-start gap-4 sm:grid-cols-3">
        <Field
          label="Amount (USD)"
          description={`$${CRYPTO_MIN_USD} to $${CRYPTO_MAX_USD.toLocaleString('en-US')}; this is what is added to the balance.`}
          error={errors.amount?.message}
        >
          <Input
            type="number"
            inputMode="decimal"
            step="0.01"
            {...form.register('amount', { valueAsNumber: true })}
          />
        </Field>
        <Field label="Pay with">
          <NativeSelect {...form.register('payCurrency')}>
            {status.supportedTokens.map((token) => (
              <option key={token} value={token}>
                {token}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label="Network">
          <NativeSelect {...form.register('network')}>
            {status.networks.map((network) => (
              <option key={network.id} value={network.id}>
                {network.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={create.isPending}>
          Create payment
        </Button>
        <span className="text-xs text-muted-foreground">
          The payment page stays payable for 30 minutes.
        </span>
      </div>
      {create.isError ? (
        isSessionOnlyRefusal(create.error) ? (
          <SessionOnlyNote role="alert" />
        ) : (
          <ErrorState error={create.error} headingLevel={3} />
        )
      ) : null}
      {create.isSuccess ? (
        <Alert variant="info" role="status">
          <AlertTitle>Payment created: {formatUsd(create.data.creditsToAdd)} to add</AlertTitle>
          <AlertDescription>
            <p>
              Open the payment page to pay it before <RelativeTime iso={create.data.expiresAt} />.
              It is listed below.
            </p>
            <p>
              <ExternalAnchor href={create.data.payLink}>Open the payment page</ExternalAnchor>
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
    </form>
  )
}

function SessionOnlyNote({ role }: { role?: 'alert' }) {
  return (
    <Alert variant="warning" role={role}>
      <AlertTitle>Creating a crypto payment needs a dashboard login</AlertTitle>
      <AlertDescription>
        <p>
          On elizaOS Cloud this is session-only: with the console&apos;s API key the cloud refuses
          it (it answers 500 &quot;Failed to process payment request&quot;). Existing payments are
          still listed here.
        </p>
        <p>
          <ExternalAnchor href={DASHBOARD_URL}>Pay with crypto in the dashboard</ExternalAnchor>
        </p>
      </AlertDescription>
    </Alert>
  )
}

type ListProps = {
  selectedId: string
  renderOpen: (payment: CryptoPayment, children: ReactNode) => ReactNode
}

/** GET /api/crypto/payments, newest first. Amounts are the cloud's USD strings. */
export function CryptoPaymentList({ selectedId, renderOpen }: ListProps) {
  const list = useQuery(cryptoPaymentsQuery())
  if (list.isPending) {
    return (
      <div className="grid gap-2" aria-busy="true" aria-label="Loading crypto payments">
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-10 w-full" />
        ))}
      </div>
    )
  }
  if (list.isError) {
    return (
      <ErrorState
        error={list.error}
        onRetry={() => void list.refetch()}
        isRetrying={list.isFetching}
        headingLevel={3}
      />
    )
  }
  if (list.data.length === 0) {
    return (
      <EmptyState
        icon={Coins}
        title="No crypto payments yet"
        description="A payment created here or in the dashboard appears in this list with its status."
      />
    )
  }
  return (
    <div className="overflow-x-auto rounded-xl border">
      <table className="w-full text-sm" aria-label="Crypto payments">
        <thead className="bg-muted/50 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">
              Created
            </th>
            <th scope="col" className="px-3 py-2 text-right font-medium">
              Amount
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium sm:table-cell">
              Token
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Status
            </th>
          </tr>
        </thead>
        <tbody>
          {list.data.map((payment) => (
            <tr
              key={payment.id}
              aria-current={payment.id === selectedId ? 'true' : undefined}
              className={cn('border-t', payment.id === selectedId && 'bg-accent/60')}
            >
              <td className="px-3 py-2 whitespace-nowrap">
                {renderOpen(payment, formatExactTime(payment.createdAt))}
              </td>
              <td className="px-3 py-2 text-right tabular-nums">
                {formatUsd(payment.expectedAmount)}
              </td>
              <td className="hidden px-3 py-2 sm:table-cell">
                {payment.token} <span className="text-muted-foreground">on {payment.network}</span>
              </td>
              <td className="px-3 py-2">
                <CryptoStatusBadge status={payment.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** One payment (GET /api/crypto/payments/{id}), which also refreshes its status from the provider. */
export function CryptoPaymentDetail({ paymentId, close }: { paymentId: string; close: ReactNode }) {
  const query = useCryptoPayment(paymentId)
  return (
    <Card aria-labelledby="crypto-detail-title">
      <CardHeader>
        <div className="grid gap-1">
          <CardTitle
            as="h3"
            className="text-base font-semibold text-foreground"
            id="crypto-detail-title"
          >
            Crypto payment
          </CardTitle>
          <CardDescription>Amounts are in US dollars.</CardDescription>
        </div>
        <CardAction>{close}</CardAction>
      </CardHeader>
      <CardContent>
        <DetailQueryBody query={query} loadingLabel="Loading the payment">
          {(data) => <PaymentFields payment={data} />}
        </DetailQueryBody>
      </CardContent>
    </Card>
  )
}

function PaymentFields({ payment }: { payment: CryptoPayment }) {
  const pending = payment.status === 'pending'
  return (
    <div className="grid gap-4">
      <DetailRows
        rows={[
          ['Status', <CryptoStatusBadge status={payment.status} />],
          ['Amount', formatUsd(payment.expectedAmount)],
          [
            'Added to balance',
            payment.status === 'confirmed'
              ? formatUsd(payment.creditsToAdd)
              : `${formatUsd(payment.creditsToAdd)} when paid`,
          ],
          ...(payment.receivedAmount
            ? [['Received', formatUsd(payment.receivedAmount)] as [string, ReactNode]]
            : []),
          ['Token', payment.token],
          ['Network', payment.network === 'AUTO' ? 'Chosen when paying (AUTO)' : payment.network],
          ['Track id', <span className="font-mono text-xs">{payment.trackId}</span>],
          ['Created', formatExactTime(payment.createdAt)],
          // The payment page's deadline matters only while it is unpaid.
          ...(payment.status === 'confirmed'
            ? []
            : [
                [
                  pending ? 'Expires' : 'Expired',
                  <span>
                    {formatExactTime(payment.expiresAt)} (<RelativeTime iso={payment.expiresAt} />)
                  </span>,
                ] as [string, ReactNode],
              ]),
          ...(payment.confirmedAt
            ? [['Confirmed', formatExactTime(payment.confirmedAt)] as [string, ReactNode]]
            : []),
          ...(payment.transactionHash
            ? [
                [
                  'Transaction',
                  <span className="font-mono text-xs break-all">{payment.transactionHash}</span>,
                ] as [string, ReactNode],
              ]
            : []),
        ]}
      />
      {pending && payment.payLink ? (
        <p className="text-sm">
          <ExternalAnchor href={payment.payLink}>Open the payment page</ExternalAnchor>
        </p>
      ) : null}
    </div>
  )
}
