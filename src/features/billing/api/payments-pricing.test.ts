import { describe, expect, it } from 'vitest'
import { invoiceListSchema, invoiceTypeLabel, linkOrNull } from './invoices'
import { cryptoPaymentInputSchema, decodeSettlement, isSessionOnlyRefusal } from './payments'
import { filterSections, groupSections, perUnit, priceListOf } from './pricing'
import { pricingSummarySchema } from '@/api/pricing-summary/queries'
import { ApiError } from '@/lib/api-error'

// Fixture shaped like the cloud's GET /api/v1/pricing/summary (docs/billing-payments.md).
const summary = priceListOf(
  pricingSummarySchema.parse({
    asOf: '2026-04-20T12:00:00.000Z',
    pricing: {
      'generate-image': {
        unit: 'image',
        isVariable: true,
        estimatedRange: { min: 0.0468, max: 0.096 },
        description: 'Live image model pricing per generated image',
      },
      'chat-completions': {
        unit: '1k tokens',
        isVariable: true,
        estimatedRange: { min: 0.00024, max: 0.018 },
        description: 'Input-token pricing across current curated chat models',
      },
      'voice-tts': {
        unit: '1k chars',
        estimatedRange: { min: 0.06, max: 0.12 },
        description: 'Live text-to-speech pricing per 1,000 characters',
      },
      'voice-stt': { unit: 'minute', cost: 0.0044, description: 'Live speech-to-text pricing' },
    },
  }),
)

describe('price list', () => {
  it('keeps the API order and groups by the id family', () => {
    expect(
      groupSections(summary.sections).map((g) => [g.name, g.sections.map((s) => s.id)]),
    ).toEqual([
      ['Image and video', ['generate-image']],
      ['Chat', ['chat-completions']],
      ['Voice', ['voice-tts', 'voice-stt']],
    ])
    expect(summary.warnings).toEqual([])
  })

  it('searches name, id, unit and description, every word', () => {
    const ids = (q: string) => filterSections(summary.sections, q).map((s) => s.id)
    expect(ids('')).toHaveLength(4)
    expect(ids('voice')).toEqual(['voice-tts', 'voice-stt'])
    expect(ids('Speech MINUTE')).toEqual(['voice-stt'])
    expect(ids('tokens')).toEqual(['chat-completions'])
    expect(ids('nothing')).toEqual([])
  })

  it('spells units out', () => {
    expect(perUnit('1k tokens')).toBe('per 1,000 tokens')
    expect(perUnit('minute')).toBe('per minute')
  })
})

describe('invoices', () => {
  it('parses the display-formatted list and treats empty links as none', () => {
    const list = invoiceListSchema.parse({
      invoices: [
        {
          id: '5e6f7a8b-0000-4000-8000-000000000001',
          stripeInvoiceId: 'cs_cs_live_a1',
          date: 'Apr 19, 2026, 06:00 PM',
          total: '$10.00',
          status: 'Paid',
          invoiceUrl: '',
          invoicePdf: '',
          type: 'custom_amount',
          creditsAdded: 10,
        },
      ],
      count: 1,
    })
    expect(list.invoices[0]?.total).toBe('$10.00')
    expect(linkOrNull(list.invoices[0]?.invoicePdf)).toBeNull()
    expect(linkOrNull(null)).toBeNull()
    expect(linkOrNull('javascript:alert(1)')).toBeNull()
    expect(linkOrNull('https://pay.stripe.com/invoice/x/pdf')).toBe(
      'https://pay.stripe.com/invoice/x/pdf',
    )
    expect(invoiceTypeLabel('auto_top_up')).toBe('Auto top-up')
    expect(invoiceTypeLabel('something_new')).toBe('something new')
  })
})

describe('crypto and x402', () => {
  it('checks the amount before any request', () => {
    const parse = (amount: number) =>
      cryptoPaymentInputSchema.safeParse({ amount, payCurrency: 'USDT', network: 'AUTO' }).success
    expect(parse(0.5)).toBe(false)
    expect(parse(1)).toBe(true)
    expect(parse(10_000)).toBe(true)
    expect(parse(10_001)).toBe(false)
    expect(parse(Number.NaN)).toBe(false)
  })

  it('recognises the cloud refusing creation to an API key', () => {
    expect(
      isSessionOnlyRefusal(new ApiError('server', 'Failed to process payment request', 500)),
    ).toBe(true)
    expect(isSessionOnlyRefusal(new ApiError('server', 'Crypto payments not available', 503))).toBe(
      false,
    )
  })

  it('decodes X-PAYMENT-RESPONSE, and nothing from a bad header', () => {
    const settlement = {
      success: true,
      transaction: '0xabc',
      network: 'base-sepolia',
      payer: '0x1',
    }
    expect(decodeSettlement(btoa(JSON.stringify(settlement)))).toEqual(settlement)
    expect(decodeSettlement(null)).toBeNull()
    expect(decodeSettlement('%%%')).toBeNull()
    expect(decodeSettlement(btoa('{"success":true}'))).toBeNull()
  })
})
