import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ErrorState } from '@/components/error-state'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { NativeSelect } from '@/components/ui/native-select'
import { isApiError } from '@/lib/api-error'
import { formatUsd } from '@/lib/format'
import {
  facilitatorQuery,
  useX402TestPayment,
  X402_AMOUNTS,
  type X402Amount,
} from '../api/payments'

const code = 'rounded bg-muted px-1 py-0.5 font-mono text-xs'

/** How x402 top-ups work on the cloud: the real routes and amounts (docs/billing-payments.md §x402). */
export function X402Explainer() {
  return (
    <div className="grid gap-3 text-sm">
      <p>
        x402 lets a crypto wallet pay for a top-up over plain HTTP, with no account login. Three
        fixed top-ups exist, paid in USDC:
      </p>
      <ul className="grid list-disc gap-1 pl-5">
        {X402_AMOUNTS.map((amount) => (
          <li key={amount}>
            <code className={code}>POST /api/v1/topup/{amount}</code> adds {formatUsd(amount)} (
            {(amount * 1_000_000).toLocaleString('en-US')} USDC base units, 6 decimals).
          </li>
        ))}
      </ul>
      <ol className="grid list-decimal gap-1 pl-5">
        <li>
          Without an <code className={code}>X-PAYMENT</code> header the route answers{' '}
          <strong>402 Payment Required</strong> with what to pay: network, asset, amount and
          recipient.
        </li>
        <li>
          The wallet signs a USDC transfer authorization for exactly that and sends it again,
          base64-encoded in <code className={code}>X-PAYMENT</code>, with the{' '}
          <code className={code}>walletAddress</code> to credit in the body.
        </li>
        <li>
          The cloud credits the organization linked to that wallet (not the one of an API key) and
          returns the settlement in <code className={code}>X-PAYMENT-RESPONSE</code>.
        </li>
      </ol>
      <p className="text-muted-foreground">
        <code className={code}>GET /api/v1/x402</code>,{' '}
        <code className={code}>POST /api/v1/x402/verify</code> and{' '}
        <code className={code}>/settle</code> are the cloud&apos;s facilitator, which checks and
        settles such payments for other services; the console does not need it to top up.
      </p>
    </div>
  )
}

/** GET /api/v1/x402: whether this upstream's facilitator is configured. */
export function FacilitatorStatus() {
  const query = useQuery(facilitatorQuery())
  if (query.isPending)
    return <p className="text-sm text-muted-foreground">Checking the facilitator…</p>
  if (query.isError) {
    if (isApiError(query.error) && query.error.status === 503) {
      return (
        <p className="text-sm">
          Facilitator: <strong>not configured</strong> on this upstream ({query.error.message}).
        </p>
      )
    }
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} headingLevel={3} />
  }
  const networks = query.data.kinds.map((k) => k.network).join(', ')
  return (
    <p className="text-sm">
      Facilitator: <strong>configured</strong>
      {networks ? ` for ${networks}` : ''}.
    </p>
  )
}

/**
 * The sandbox's "Pay with x402 (test)": the real 402 → X-PAYMENT → 200 flow through the proxy,
 * with the sandbox test wallet signing instead of a real one. Only shown on a non-strict sandbox.
 */
export function X402TestPayment() {
  const [amount, setAmount] = useState<X402Amount>(10)
  const pay = useX402TestPayment()
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-3">
        <Field label="Test top-up amount" className="w-40">
          <NativeSelect
            value={amount}
            onChange={(e) => setAmount(Number(e.target.value) as X402Amount)}
            disabled={pay.isPending}
          >
            {X402_AMOUNTS.map((a) => (
              <option key={a} value={a}>
                {formatUsd(a)}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Button pending={pay.isPending} onClick={() => pay.mutate(amount)}>
          Pay with x402 (test)
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        Sandbox only: its test wallet signs the payment, and no real money or chain is involved.
      </p>
      {pay.isError ? <ErrorState error={pay.error} headingLevel={3} /> : null}
      {pay.isSuccess ? (
        <Alert variant="info" role="status">
          <AlertTitle>
            Paid {formatUsd(pay.data.amount)}: balance {formatUsd(pay.data.balanceBefore)} →{' '}
            {formatUsd(pay.data.balanceAfter)} (
            {formatUsd(pay.data.balanceAfter - pay.data.balanceBefore, { sign: true })})
          </AlertTitle>
          <AlertDescription>
            <ol className="grid list-decimal gap-1 pl-5">
              <li>Without payment the route answered 402: “{pay.data.requirement}”.</li>
              <li>
                The test wallet{' '}
                <span className="font-mono text-xs break-all">{pay.data.walletAddress}</span> signed{' '}
                {formatUsd(pay.data.amount)} in USDC.
              </li>
              <li>
                With <code className={code}>X-PAYMENT</code>: “{pay.data.message}”
                {pay.data.settlement ? (
                  <>
                    {' '}
                    Settlement on {pay.data.settlement.network}:{' '}
                    <span className="font-mono text-xs break-all">
                      {pay.data.settlement.transaction}
                    </span>
                  </>
                ) : (
                  ' (no settlement header came back)'
                )}
              </li>
            </ol>
          </AlertDescription>
        </Alert>
      ) : null}
    </div>
  )
}
