import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { billingKeys } from './keys'
import {
  checkoutResponseSchema,
  type AutoTopUpValues,
  type BillingSettings,
  type CheckoutBody,
} from './schemas'
import { z } from 'zod/mini'

/**
 * Starts a checkout for a custom USD amount (docs/billing.md §Checkout). Nothing is charged yet:
 * the caller sends the browser to the returned page, and the payment happens there.
 */
export function useStartCheckout() {
  return useMutation({
    mutationFn: (body: CheckoutBody) =>
      api.post('/api/v1/credits/checkout', { body, schema: checkoutResponseSchema }),
  })
}

// The PUT answer has no limits (docs/billing.md §Auto top-up): keep the ones already known.
export const savedSettingsSchema = z.object({
  settings: z.object({
    autoTopUp: z.object({
      enabled: z.boolean(),
      amount: z.number(),
      threshold: z.number(),
      hasPaymentMethod: z.boolean(),
    }),
  }),
})

/** Saves auto top-up; `autoTopUp` is an object, never a boolean (docs/billing.md §Auto top-up). */
export function useSaveAutoTopUp() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (values: AutoTopUpValues) =>
      api.put('/api/v1/billing/settings', {
        body: { autoTopUp: values },
        schema: savedSettingsSchema,
      }),
    onSuccess: ({ settings }) => {
      queryClient.setQueryData<BillingSettings>(billingKeys.settings(), (old) =>
        old ? { ...old, autoTopUp: settings.autoTopUp } : old,
      )
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: billingKeys.settings() }),
        queryClient.invalidateQueries({ queryKey: billingKeys.summary() }),
      ])
    },
  })
}
