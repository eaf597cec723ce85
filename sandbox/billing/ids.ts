// Identifiers shaped like the providers' own (Stripe `cs_test_…`/`pi_…`/`cus_…`/`pm_…`, OxaPay's
// numeric track ids, EVM transaction hashes), so a client that pattern-matches them still works.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

function base62(length: number): string {
  let out = ''
  for (const byte of randomBytes(length)) out += BASE62[byte % 62]
  return out
}

/** Stripe test-mode ids: the sandbox never pretends to be live mode. */
export const checkoutSessionId = () => `cs_test_${base62(58)}`
export const paymentIntentId = () => `pi_${base62(24)}`
export const customerId = () => `cus_${base62(14)}`
export const paymentMethodId = () => `pm_${base62(24)}`

/** OxaPay track ids are 8-digit numbers, served as strings (docs/cloud/billing.md §8). */
export const trackId = () => String(randomInt(10_000_000, 100_000_000))

export const transactionHash = () => `0x${randomBytes(32).toString('hex')}`

/** A one-time token for a payment page's form (the checkout's anti-CSRF token). */
export const formToken = () => randomBytes(24).toString('base64url')

/** Constant-time string comparison for tokens and signatures. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
