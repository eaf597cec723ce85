import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { z } from 'zod/mini'
import { api } from '@/lib/api-client'
import { ApiError, isApiError } from '@/lib/api-error'
import { invoiceKeys } from './invoices'
import { billingKeys, invalidateMoneyQueries } from './keys'
import { balanceQuery } from './queries'

// Crypto payments and x402 top-ups (docs/billing-payments.md §Crypto payments, §x402).

export const paymentKeys = {
  all: [...billingKeys.all, 'payments'] as const,
  cryptoStatus: () => [...paymentKeys.all, 'crypto-status'] as const,
  cryptoList: () => [...paymentKeys.all, 'crypto-list'] as const,
  cryptoDetail: (id: string) => [...paymentKeys.all, 'crypto-detail', id] as const,
  facilitator: () => [...paymentKeys.all, 'x402-facilitator'] as const,
}

export const cryptoStatusSchema = z.object({
  enabled: z.boolean(),
  supportedTokens: z.catch(z.array(z.string()), []),
  networks: z.catch(z.array(z.object({ id: z.string(), name: z.string() })), []),
  isTestnet: z.catch(z.boolean(), false),
})
export type CryptoStatus = z.infer<typeof cryptoStatusSchema>

/** Amounts are USD strings with 3 decimals (`"25.000"`). */
export const cryptoPaymentSchema = z.object({
  id: z.string(),
  trackId: z.string(),
  status: z.string(),
  expectedAmount: z.string(),
  creditsToAdd: z.string(),
  network: z.string(),
  token: z.string(),
  payLink: z.catch(z.string(), ''),
  expiresAt: z.string(),
  createdAt: z.string(),
  receivedAmount: z.optional(z.string()),
  transactionHash: z.optional(z.string()),
  confirmedAt: z.optional(z.string()),
  confirmed: z.optional(z.boolean()),
})
export type CryptoPayment = z.infer<typeof cryptoPaymentSchema>
const cryptoListSchema = z.object({ payments: z.array(cryptoPaymentSchema) })

export const cryptoStatusQuery = () =>
  queryOptions({
    queryKey: paymentKeys.cryptoStatus(),
    queryFn: ({ signal }) => api.get('/api/crypto/status', { signal, schema: cryptoStatusSchema }),
    staleTime: 5 * 60_000,
  })

export const cryptoPaymentsQuery = () =>
  queryOptions({
    queryKey: paymentKeys.cryptoList(),
    queryFn: async ({ signal }) =>
      (await api.get('/api/crypto/payments', { signal, schema: cryptoListSchema })).payments,
  })

/** Reading a payment also asks the provider for its latest status (and may credit it). */
export const cryptoPaymentQuery = (id: string) =>
  queryOptions({
    queryKey: paymentKeys.cryptoDetail(id),
    queryFn: ({ signal }) =>
      api.get(`/api/crypto/payments/${encodeURIComponent(id)}`, {
        signal,
        schema: cryptoPaymentSchema,
      }),
    // A pending payment is polled until it settles or expires.
    refetchInterval: (query) => (query.state.data?.status === 'pending' ? 10_000 : false),
  })

/**
 * One payment, read through the cloud (which checks the provider and credits a payment that has
 * just completed). When it turns up confirmed while the list still had it otherwise, money has
 * moved: the balance, the ledger, the summary, the list and the invoices are refreshed.
 */
export function useCryptoPayment(id: string) {
  const queryClient = useQueryClient()
  const query = useQuery(cryptoPaymentQuery(id))
  const status = query.data?.status
  useEffect(() => {
    if (status !== 'confirmed') return
    const listed = queryClient
      .getQueryData(cryptoPaymentsQuery().queryKey)
      ?.find((payment) => payment.id === id)
    if (listed?.status === 'confirmed') return
    void invalidateMoneyQueries(queryClient, [paymentKeys.cryptoList(), invoiceKeys.all])
  }, [status, id, queryClient])
  return query
}

/** The payment form's limits: USD 1–10,000 (docs/billing-payments.md §Crypto payments), checked before any request. */
export const CRYPTO_MIN_USD = 1
export const CRYPTO_MAX_USD = 10_000
export const cryptoPaymentInputSchema = z.object({
  amount: z
    .number({ error: 'Enter an amount in USD.' })
    .check(
      z.minimum(CRYPTO_MIN_USD, `At least $${CRYPTO_MIN_USD}.`),
      z.maximum(CRYPTO_MAX_USD, `At most $${CRYPTO_MAX_USD.toLocaleString('en-US')}.`),
    ),
  payCurrency: z.string(),
  network: z.string(),
})
export type CryptoPaymentInput = z.infer<typeof cryptoPaymentInputSchema>

export const createdPaymentSchema = z.object({
  paymentId: z.string(),
  trackId: z.string(),
  payLink: z.string(),
  expiresAt: z.string(),
  creditsToAdd: z.string(),
})

/**
 * POST /api/crypto/payments. Session-only on the cloud: with the proxy's key it answers a bare
 * 500 "Failed to process payment request", which {@link isSessionOnlyRefusal} recognises.
 */
export function useCreateCryptoPayment() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: CryptoPaymentInput) =>
      api.post('/api/crypto/payments', {
        body: {
          amount: input.amount,
          currency: 'USD',
          payCurrency: input.payCurrency,
          ...(input.network === 'AUTO' ? {} : { network: input.network }),
        },
        schema: createdPaymentSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: paymentKeys.cryptoList() }),
  })
}

/** The cloud's answer to an API key creating a crypto payment (docs/billing-payments.md §Crypto payments). */
export const isSessionOnlyRefusal = (error: unknown) =>
  isApiError(error) &&
  error.status === 500 &&
  error.message.includes('Failed to process payment request')

// ─── x402 ────────────────────────────────────────────────────────────────────────────────

/** The top-up routes' fixed amounts in USD, paid in USDC. */
export const X402_AMOUNTS = [10, 50, 100] as const
export type X402Amount = (typeof X402_AMOUNTS)[number]

export const facilitatorSchema = z.object({
  success: z.boolean(),
  kinds: z.catch(
    z.array(z.object({ x402Version: z.number(), scheme: z.string(), network: z.string() })),
    [],
  ),
})

/** GET /api/v1/x402: the facilitator's kinds; 503 when it is not configured. */
export const facilitatorQuery = () =>
  queryOptions({
    queryKey: paymentKeys.facilitator(),
    queryFn: ({ signal }) => api.get('/api/v1/x402', { signal, schema: facilitatorSchema }),
    retry: false,
    staleTime: 5 * 60_000,
  })

export const walletSchema = z.object({
  walletAddress: z.string(),
  payment: z.string(),
  amount: z.number(),
  network: z.string(),
})
export const topupSchema = z.object({
  success: z.boolean(),
  amount: z.number(),
  walletAddress: z.string(),
  message: z.catch(z.string(), ''),
})
const settlementSchema = z.object({
  success: z.boolean(),
  transaction: z.string(),
  network: z.string(),
  payer: z.optional(z.string()),
})

export interface X402TestResult {
  /** What the top-up route answered without X-PAYMENT (the 402 that starts the flow). */
  requirement: string
  walletAddress: string
  amount: number
  message: string
  /** X-PAYMENT-RESPONSE, decoded; null when the header was missing or unreadable. */
  settlement: z.infer<typeof settlementSchema> | null
  /** The organization's balance (USD) read fresh before and after the payment. */
  balanceBefore: number
  balanceAfter: number
}

/** Decodes the base64 JSON X-PAYMENT-RESPONSE header; null when absent or malformed. */
export function decodeSettlement(header: string | null): X402TestResult['settlement'] {
  if (!header) return null
  try {
    const parsed = settlementSchema.safeParse(JSON.parse(atob(header)))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/**
 * The sandbox's x402 test payment, through the proxy: (1) the top-up route without X-PAYMENT
 * must answer 402, (2) the sandbox test wallet signs a payment from the organization's wallet,
 * (3) the top-up route with X-PAYMENT credits that wallet's organization and returns the
 * settlement in X-PAYMENT-RESPONSE. The balance is refreshed afterwards.
 */
export function useX402TestPayment() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (amount: X402Amount): Promise<X402TestResult> => {
      const path = `/api/v1/topup/${amount}`
      const fresh = () => queryClient.fetchQuery({ ...balanceQuery(), staleTime: 0 })
      const before = (await fresh()).balance
      let requirement = ''
      try {
        await api.post(path, { body: {} })
        throw new ApiError('bad_response', `${path} accepted a request without payment.`, 200)
      } catch (error) {
        if (!isApiError(error) || error.status !== 402) throw error
        requirement = error.message
      }
      const wallet = await api.post('/api/v1/x402/sandbox-wallet', {
        body: { amount },
        schema: walletSchema,
      })
      const response = await api.raw(path, {
        method: 'POST',
        body: { walletAddress: wallet.walletAddress },
        headers: { 'X-PAYMENT': wallet.payment },
      })
      const parsed = topupSchema.safeParse(await response.json())
      if (!parsed.success) {
        throw new ApiError('bad_response', `${path}: the answer was not a top-up result.`, 200)
      }
      // Also puts the new balance in the cache, so the header badge follows at once.
      const after = (await fresh()).balance
      return {
        balanceBefore: before,
        balanceAfter: after,
        requirement,
        walletAddress: parsed.data.walletAddress,
        amount: parsed.data.amount,
        message: parsed.data.message,
        settlement: decodeSettlement(response.headers.get('X-PAYMENT-RESPONSE')),
      }
    },
    // Money moved (or may have): the balance, the ledger and the summary are stale.
    onSettled: () => invalidateMoneyQueries(queryClient),
  })
}
