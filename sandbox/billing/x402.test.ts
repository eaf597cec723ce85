// The sandbox's simulated x402 payment format (x402.ts).
import { describe, expect, it } from 'vitest'
import {
  createSandboxPayment,
  decodePaymentHeader,
  SANDBOX_PAY_TO,
  signAuthorization,
  USDC_BY_NETWORK,
  verifyAuthorization,
} from './x402.ts'

const payer = '0x1111111111111111111111111111111111111111'
const requirements = {
  network: 'base-sepolia',
  asset: USDC_BY_NETWORK['base-sepolia'] ?? '',
  payTo: SANDBOX_PAY_TO,
  amount: '10000000',
}

function decoded(header: string) {
  const payment = decodePaymentHeader(header)
  if (!payment) throw new Error('did not decode')
  return payment
}

describe('sandbox x402 payments', () => {
  it('round-trips: a created payment decodes and verifies', () => {
    const payment = decoded(createSandboxPayment({ from: payer, usd: 10 }))
    expect(payment).toMatchObject({ x402Version: 1, scheme: 'exact', network: 'base-sepolia' })
    expect(payment.authorization).toMatchObject({
      from: payer,
      to: SANDBOX_PAY_TO,
      value: '10000000',
    })
    expect(verifyAuthorization(payment.signature, payment.authorization, requirements)).toEqual({
      isValid: true,
      payer,
    })
  })

  it('rejects a tampered amount, a wrong key, a short amount, the wrong recipient and stale times', () => {
    const payment = decoded(createSandboxPayment({ from: payer, usd: 10 }))
    const tampered = { ...payment.authorization, value: '100000000' }
    expect(verifyAuthorization(payment.signature, tampered, requirements)).toMatchObject({
      isValid: false,
      invalidReason: 'invalid_exact_evm_payload_signature',
    })
    expect(verifyAuthorization('0xdeadbeef', payment.authorization, requirements)).toMatchObject({
      invalidReason: 'invalid_exact_evm_payload_signature',
    })
    const cheap = decoded(createSandboxPayment({ from: payer, usd: 5 }))
    expect(verifyAuthorization(cheap.signature, cheap.authorization, requirements)).toMatchObject({
      invalidReason: 'invalid_exact_evm_payload_authorization_value',
    })
    const elsewhere = decoded(
      createSandboxPayment({
        from: payer,
        usd: 10,
        payTo: '0x2222222222222222222222222222222222222222',
      }),
    )
    expect(
      verifyAuthorization(elsewhere.signature, elsewhere.authorization, requirements),
    ).toMatchObject({
      invalidReason: 'invalid_exact_evm_payload_recipient_mismatch',
    })
    const now = Math.floor(Date.now() / 1000)
    const expired = decoded(createSandboxPayment({ from: payer, usd: 10, validBefore: now + 2 }))
    expect(
      verifyAuthorization(expired.signature, expired.authorization, requirements),
    ).toMatchObject({
      invalidReason: 'invalid_exact_evm_payload_authorization_valid_before',
    })
    const early = decoded(createSandboxPayment({ from: payer, usd: 10, validAfter: now + 600 }))
    expect(verifyAuthorization(early.signature, early.authorization, requirements)).toMatchObject({
      invalidReason: 'invalid_exact_evm_payload_authorization_valid_after',
    })
  })

  it('binds the signature to the network and asset', () => {
    const payment = decoded(createSandboxPayment({ from: payer, usd: 10 }))
    const otherNetwork = signAuthorization('eip155:8453', requirements.asset, payment.authorization)
    expect(otherNetwork).not.toBe(payment.signature)
    expect(
      verifyAuthorization(payment.signature, payment.authorization, {
        ...requirements,
        network: 'eip155:84532',
      }),
    ).toMatchObject({ isValid: false })
  })

  it('decodes nothing from garbage', () => {
    expect(decodePaymentHeader('not base64 json')).toBeNull()
    expect(decodePaymentHeader(Buffer.from('{"scheme":"exact"}').toString('base64'))).toBeNull()
    expect(
      decodePaymentHeader(
        Buffer.from(
          JSON.stringify({
            scheme: 'exact',
            network: 'base-sepolia',
            payload: { authorization: { from: 'x' } },
          }),
        ).toString('base64'),
      ),
    ).toBeNull()
  })
})
