// The per-agent card of GET /api/agents/{id}/a2a (docs/cloud/a2a-discovery.md "GET — agent card"). Its prices
// are fixed display values, not what `chat` bills; `streaming` is advertised but never served.
import { z } from 'zod'

export interface CardCharacter {
  id: string
  name: string
  bio: string[] | string
  avatar_url: string | null
  user_id: string
  organization_id: string
  monetization_enabled: boolean
  inference_markup_percentage: string
}

const skillPricing = z.object({
  type: z.enum(['token-based', 'fixed']),
  inputCostPer1k: z.number().optional(),
  outputCostPer1k: z.number().optional(),
  amount: z.number().optional(),
  markupPercentage: z.number().optional(),
})

export const agentCard = z.object({
  name: z.string(),
  description: z.string(),
  image: z.string(),
  version: z.string(),
  capabilities: z.object({
    streaming: z.boolean(),
    pushNotifications: z.boolean(),
    stateTransitionHistory: z.boolean(),
  }),
  authentication: z.object({
    schemes: z.array(z.object({ scheme: z.string(), description: z.string() })),
  }),
  skills: z.array(
    z.object({ id: z.string(), name: z.string(), description: z.string(), pricing: skillPricing }),
  ),
  pricing: z.object({
    currency: z.string(),
    paymentMethods: z.array(z.string()),
    minimumPayment: z.number(),
  }),
  contact: z.object({ creatorId: z.string(), organizationId: z.string() }),
})

export function buildAgentCard(c: CardCharacter, baseUrl: string): z.infer<typeof agentCard> {
  const markup = Number(c.inference_markup_percentage || 0)
  // markupPercentage only when monetization is on with a markup above 0.
  const extra = c.monetization_enabled && markup > 0 ? { markupPercentage: markup } : {}
  return {
    name: c.name,
    description: Array.isArray(c.bio) ? c.bio.join('\n') : c.bio,
    image: c.avatar_url || `${baseUrl}/default-avatar.png`,
    version: '1.0.0',
    capabilities: { streaming: true, pushNotifications: false, stateTransitionHistory: true },
    authentication: {
      schemes: [
        { scheme: 'bearer', description: 'API Key authentication via Authorization header' },
      ],
    },
    skills: [
      {
        id: 'chat',
        name: 'Chat',
        description: `Chat with ${c.name}`,
        pricing: { type: 'token-based', inputCostPer1k: 0.005, outputCostPer1k: 0.015, ...extra },
      },
      {
        id: 'generate_image',
        name: 'Image Generation',
        description: `Generate images as ${c.name}`,
        pricing: { type: 'fixed', amount: 0.05, ...extra },
      },
    ],
    pricing: { currency: 'USD', paymentMethods: ['api_key_credits'], minimumPayment: 0.001 },
    contact: { creatorId: c.user_id, organizationId: c.organization_id },
  }
}
