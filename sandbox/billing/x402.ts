// The sandbox's simulated x402 payments (docs/cloud/billing.md §9). Real x402 "exact" payments are EIP-3009
// USDC authorizations signed by the payer's wallet and settled on chain. The sandbox keeps their
// shape — X-PAYMENT is base64 JSON `{x402Version, scheme, network, payload:{signature,
// authorization:{from,to,value,validAfter,validBefore,nonce}}}` — but the signature is an
// HMAC-SHA256 with a published sandbox test secret over the authorization, and settlement is a
// row in x402_nonces (each nonce pays once). Nothing here can move real money.
import { createHmac, randomBytes } from 'node:crypto'
import { sameSecret } from './ids.ts'

/** Public on purpose: anyone may sign sandbox payments, which are worth nothing outside it. */
export const SANDBOX_X402_SECRET = 'elizacloud-sandbox-x402-test-secret'

/** Where the sandbox's x402 top-ups are paid to (X402_RECIPIENT_ADDRESS). */
export const SANDBOX_PAY_TO = '0x5a4db0c0000000000000000000000000000402a1'
/** The sandbox facilitator's signer address (GET /api/v1/x402 `signers`). */
export const SANDBOX_FACILITATOR_SIGNER = '0x5a4db0c0000000000000000000000000000402f1'

/** USDC per network: the top-up's v1 network name and the facilitator's CAIP-2 ids. */
export const USDC_BY_NETWORK: Record<string, string> = {
  'base-sepolia': '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
  'eip155:84532': '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
  'eip155:8453': '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913',
}

/** USDC has 6 decimals: $10 → "10000000". */
export const usdcBaseUnits = (usd: number) => String(Math.round(usd * 1_000_000))

export interface Authorization {
  from: string
  to: string
  value: string
  validAfter: string
  validBefore: string
  nonce: string
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const NONCE = /^0x[0-9a-fA-F]{64}$/
const UINT = /^\d{1,78}$/

export const isEvmAddress = (value: unknown): value is string =>
  typeof value === 'string' && ADDRESS.test(value)

/** The bytes the sandbox signs: every field that decides who pays whom, how much, when. */
function signedMessage(network: string, asset: string, a: Authorization): string {
  return [
    'sandbox-x402',
    network,
    asset.toLowerCase(),
    a.from.toLowerCase(),
    a.to.toLowerCase(),
    a.value,
    a.validAfter,
    a.validBefore,
    a.nonce.toLowerCase(),
  ].join('|')
}

export function signAuthorization(network: string, asset: string, a: Authorization): string {
  const mac = createHmac('sha256', SANDBOX_X402_SECRET).update(signedMessage(network, asset, a))
  return `0x${mac.digest('hex')}`
}

export function parseAuthorization(value: unknown): Authorization | null {
  if (!value || typeof value !== 'object') return null
  const a = value as Record<string, unknown>
  const str = (key: string) => (typeof a[key] === 'string' ? (a[key] as string) : null)
  const from = str('from')
  const to = str('to')
  const amount = str('value')
  const validAfter = str('validAfter')
  const validBefore = str('validBefore')
  const nonce = str('nonce')
  if (!from || !to || !amount || !validAfter || !validBefore || !nonce) return null
  if (!ADDRESS.test(from) || !ADDRESS.test(to) || !NONCE.test(nonce)) return null
  if (!UINT.test(amount) || !UINT.test(validAfter) || !UINT.test(validBefore)) return null
  return { from, to, value: amount, validAfter, validBefore, nonce }
}

export interface Requirements {
  network: string
  asset: string
  payTo: string
  /** Minimum USDC base units. */
  amount: string
}

export type Verdict =
  { isValid: true; payer: string } | { isValid: false; invalidReason: string; payer?: string }

/**
 * The checks of an exact-scheme EVM verification, in the library's order and with its reason
 * names; `…_nonce_used` is the sandbox's name for a replay (settlement would revert on chain).
 * `usedNonce` is asked last, once everything else holds.
 */
export function verifyAuthorization(
  signature: unknown,
  authorization: Authorization,
  requirements: Requirements,
  nowSec = Math.floor(Date.now() / 1000),
): Verdict {
  const payer = authorization.from
  const expected = signAuthorization(requirements.network, requirements.asset, authorization)
  if (typeof signature !== 'string' || !sameSecret(signature.toLowerCase(), expected)) {
    return { isValid: false, invalidReason: 'invalid_exact_evm_payload_signature', payer }
  }
  if (authorization.to.toLowerCase() !== requirements.payTo.toLowerCase()) {
    return { isValid: false, invalidReason: 'invalid_exact_evm_payload_recipient_mismatch', payer }
  }
  // At least 6 s of validity left, as the library requires (a block's worth of margin).
  if (BigInt(authorization.validBefore) < BigInt(nowSec + 6)) {
    return {
      isValid: false,
      invalidReason: 'invalid_exact_evm_payload_authorization_valid_before',
      payer,
    }
  }
  if (BigInt(authorization.validAfter) > BigInt(nowSec)) {
    return {
      isValid: false,
      invalidReason: 'invalid_exact_evm_payload_authorization_valid_after',
      payer,
    }
  }
  if (BigInt(authorization.value) < BigInt(requirements.amount)) {
    return { isValid: false, invalidReason: 'invalid_exact_evm_payload_authorization_value', payer }
  }
  return { isValid: true, payer }
}

export const NONCE_USED = 'invalid_exact_evm_payload_authorization_nonce_used'

export interface SandboxPaymentInput {
  from: string
  /** USD; turned into USDC base units. */
  usd: number
  network?: string
  payTo?: string
  nonce?: string
  validAfter?: number
  validBefore?: number
}

/** Builds a valid X-PAYMENT header for a top-up (tests, demos, scripts). */
export function createSandboxPayment(input: SandboxPaymentInput): string {
  const network = input.network ?? 'base-sepolia'
  const asset = USDC_BY_NETWORK[network] ?? ''
  const now = Math.floor(Date.now() / 1000)
  const authorization: Authorization = {
    from: input.from,
    to: input.payTo ?? SANDBOX_PAY_TO,
    value: usdcBaseUnits(input.usd),
    validAfter: String(input.validAfter ?? now - 60),
    validBefore: String(input.validBefore ?? now + 300),
    nonce: input.nonce ?? `0x${randomBytes(32).toString('hex')}`,
  }
  const payload = {
    x402Version: 1,
    scheme: 'exact',
    network,
    payload: { signature: signAuthorization(network, asset, authorization), authorization },
  }
  return Buffer.from(JSON.stringify(payload)).toString('base64')
}

export interface DecodedPayment {
  x402Version: number
  scheme: string
  network: string
  signature: unknown
  authorization: Authorization
}

/** Decodes X-PAYMENT; null when it is not base64 JSON of the exact-scheme shape. */
export function decodePaymentHeader(header: string): DecodedPayment | null {
  let value: unknown
  try {
    value = JSON.parse(Buffer.from(header, 'base64').toString('utf8'))
  } catch {
    return null
  }
  if (!value || typeof value !== 'object') return null
  const p = value as Record<string, unknown>
  const payload = p.payload as Record<string, unknown> | undefined
  const authorization = parseAuthorization(payload?.authorization)
  if (typeof p.scheme !== 'string' || typeof p.network !== 'string' || !authorization) return null
  return {
    x402Version: typeof p.x402Version === 'number' ? p.x402Version : 1,
    scheme: p.scheme,
    network: p.network,
    signature: payload?.signature,
    authorization,
  }
}
