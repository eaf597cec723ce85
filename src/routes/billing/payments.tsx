import { useQuery } from '@tanstack/react-query'
import {
  createFileRoute,
  Link,
  stripSearchParams,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { X } from 'lucide-react'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { Skeleton } from '@/components/ui/skeleton'
import { UUID_PATTERN } from '@/features/billing/api/invoices'
import { cryptoPaymentsQuery, cryptoStatusQuery } from '@/features/billing/api/payments'
import {
  CreateCryptoPayment,
  CryptoPaymentDetail,
  CryptoPaymentList,
  CryptoStatusCard,
} from '@/features/billing/components/crypto-payments'
import {
  FacilitatorStatus,
  X402Explainer,
  X402TestPayment,
} from '@/features/billing/components/x402-topup'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { text } from '@/lib/search-params'

type PaymentsSearch = { payment: string }
const defaults: PaymentsSearch = { payment: '' }

// The open crypto payment; a non-UUID id is dropped before any request (the cloud answers 400).
const validateSearch = (search: Partial<PaymentsSearch> & SearchSchemaInput): PaymentsSearch => ({
  payment: text(search.payment, defaults.payment, { pattern: UUID_PATTERN }).toLowerCase(),
})

export const Route = createFileRoute('/billing/payments')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(cryptoStatusQuery())
    void context.queryClient.prefetchQuery(cryptoPaymentsQuery())
    void context.queryClient.prefetchQuery(consoleInfoQuery())
  },
  component: PaymentsPage,
})

function PaymentsPage() {
  const { payment } = Route.useSearch()
  const status = useQuery(cryptoStatusQuery())
  const info = useQuery(consoleInfoQuery())
  const upstream = info.data?.upstream
  // The sandbox's extensions (creating a crypto payment with a key, the x402 test wallet) are
  // off in strict mode and absent on the cloud; an unknown strictness counts as off.
  const isExtendedSandbox = upstream?.kind === 'sandbox' && upstream.strict === false
  return (
    <section className="grid gap-6" aria-labelledby="payments-title">
      <div className="grid gap-1">
        <h2 id="payments-title" className="text-xl font-semibold tracking-tight">
          Crypto and x402 payments
        </h2>
        <p className="max-w-prose text-sm text-muted-foreground">
          Two ways to add US dollars to the balance with crypto: a crypto payment page (many tokens
          and networks), or an x402 top-up paid in USDC by a wallet.
        </p>
      </div>

      <Card aria-labelledby="crypto-title">
        <CardHeader>
          <div className="grid gap-1">
            <CardTitle
              as="h3"
              className="text-base font-semibold text-foreground"
              id="crypto-title"
            >
              Crypto payments
            </CardTitle>
            <CardDescription>Pay an amount in USD with a token of your choice.</CardDescription>
          </div>
        </CardHeader>
        <CardContent className="grid gap-6">
          {status.isPending || info.isPending ? (
            <Skeleton className="h-20 w-full" />
          ) : status.isError ? (
            <ErrorState
              error={status.error}
              onRetry={() => void status.refetch()}
              isRetrying={status.isFetching}
              headingLevel={3}
            />
          ) : (
            <>
              <CryptoStatusCard status={status.data} />
              <CreateCryptoPayment status={status.data} canCreate={isExtendedSandbox} />
            </>
          )}
          <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <CryptoPaymentList
              selectedId={payment}
              renderOpen={(item, children) => (
                <Link
                  to="/billing/payments"
                  search={{ payment: item.id }}
                  className="font-medium text-primary underline-offset-4 hover:underline"
                  aria-label={`Crypto payment of ${item.expectedAmount} USD, ${item.status}`}
                >
                  {children}
                </Link>
              )}
            />
            {payment ? (
              <CryptoPaymentDetail
                key={payment}
                paymentId={payment}
                close={
                  <Button asChild variant="ghost" size="icon-sm" label="Close the payment">
                    <Link to="/billing/payments" search={{ payment: '' }}>
                      <X aria-hidden />
                    </Link>
                  </Button>
                }
              />
            ) : null}
          </div>
        </CardContent>
      </Card>

      <Card aria-labelledby="x402-title">
        <CardHeader>
          <div className="grid gap-1">
            <CardTitle as="h3" className="text-base font-semibold text-foreground" id="x402-title">
              x402 top-up
            </CardTitle>
            <CardDescription>USDC from a wallet, $10, $50 or $100 at a time.</CardDescription>
          </div>
        </CardHeader>
        <CardContent className="grid gap-6">
          <X402Explainer />
          <FacilitatorStatus />
          {info.isPending ? null : isExtendedSandbox ? (
            <X402TestPayment />
          ) : (
            <p className="rounded-lg border border-dashed p-3 text-sm text-muted-foreground">
              {upstream?.kind === 'sandbox'
                ? 'The test payment is off: this sandbox runs in strict mode, which has no test wallet and accepts no sandbox-signed payment, as the cloud does.'
                : 'A real x402 top-up needs a wallet that signs USDC payments; the console holds no wallet, so it cannot pay one for you.'}
            </p>
          )}
        </CardContent>
      </Card>
    </section>
  )
}
