// The model catalog served by GET /api/v1/models (docs/cloud/chat.md "GET /api/v1/models"). Items are
// shaped like the gateway catalog the cloud passes through: `id`, `object`, `created`,
// `owned_by` always; the rest optional. Prices are upstream USD per token as strings, before
// the cloud's 1.2 markup. Values are realistic list prices, not a copy of the live catalog.

export interface CatalogModel {
  id: string
  object: 'model'
  created: number
  owned_by: string
  name?: string
  description?: string
  type?: 'language' | 'embedding' | 'image'
  context_window?: number
  max_tokens?: number
  tags?: string[]
  pricing?: { input: string; output?: string }
}

/** USD per million tokens → the catalog's per-token string. */
const perToken = (usdPerMillion: number) =>
  (usdPerMillion / 1_000_000).toFixed(12).replace(/\.?0+$/, '')

function language(
  id: string,
  name: string,
  created: string,
  context: number,
  maxTokens: number,
  inputPerM: number,
  outputPerM: number,
  tags: string[],
): CatalogModel {
  return {
    id,
    object: 'model',
    created: Date.parse(created) / 1000,
    owned_by: id.split('/')[0] ?? id,
    name,
    type: 'language',
    context_window: context,
    max_tokens: maxTokens,
    tags,
    pricing: { input: perToken(inputPerM), output: perToken(outputPerM) },
  }
}

export const MODEL_CATALOG: CatalogModel[] = [
  language('openai/gpt-4o-mini', 'GPT-4o mini', '2024-07-17', 128_000, 16_384, 0.15, 0.6, [
    'vision',
    'tool-use',
  ]),
  language('openai/gpt-4o', 'GPT-4o', '2024-05-13', 128_000, 16_384, 2.5, 10, [
    'vision',
    'tool-use',
  ]),
  language('openai/gpt-4.1', 'GPT-4.1', '2025-04-14', 1_047_576, 32_768, 2, 8, [
    'vision',
    'tool-use',
  ]),
  language('openai/gpt-4.1-mini', 'GPT-4.1 mini', '2025-04-14', 1_047_576, 32_768, 0.4, 1.6, [
    'vision',
    'tool-use',
  ]),
  language('openai/gpt-4.1-nano', 'GPT-4.1 nano', '2025-04-14', 1_047_576, 32_768, 0.1, 0.4, [
    'tool-use',
  ]),
  language('openai/o3-mini', 'o3-mini', '2025-01-31', 200_000, 100_000, 1.1, 4.4, [
    'reasoning',
    'tool-use',
  ]),
  language('anthropic/claude-sonnet-4', 'Claude Sonnet 4', '2025-05-22', 200_000, 64_000, 3, 15, [
    'vision',
    'tool-use',
    'reasoning',
  ]),
  language(
    'anthropic/claude-sonnet-4.6',
    'Claude Sonnet 4.6',
    '2026-02-17',
    200_000,
    64_000,
    3,
    15,
    ['vision', 'tool-use', 'reasoning'],
  ),
  language('anthropic/claude-opus-4.7', 'Claude Opus 4.7', '2026-04-16', 200_000, 32_000, 5, 25, [
    'vision',
    'tool-use',
    'reasoning',
  ]),
  language('anthropic/claude-3.5-haiku', 'Claude 3.5 Haiku', '2024-10-22', 200_000, 8_192, 0.8, 4, [
    'tool-use',
  ]),
  language(
    'google/gemini-2.5-flash',
    'Gemini 2.5 Flash',
    '2025-06-17',
    1_048_576,
    65_536,
    0.3,
    2.5,
    ['vision', 'tool-use', 'reasoning'],
  ),
  language('google/gemini-2.5-pro', 'Gemini 2.5 Pro', '2025-06-17', 1_048_576, 65_536, 1.25, 10, [
    'vision',
    'tool-use',
    'reasoning',
  ]),
  language('meta/llama-3.3-70b', 'Llama 3.3 70B', '2024-12-06', 128_000, 8_192, 0.72, 0.72, [
    'tool-use',
  ]),
  language('mistral/mistral-large', 'Mistral Large', '2024-11-18', 128_000, 32_000, 2, 6, [
    'tool-use',
  ]),
  language('deepseek/deepseek-v3', 'DeepSeek V3', '2024-12-26', 128_000, 8_192, 0.27, 1.1, [
    'tool-use',
  ]),
  language('xai/grok-3', 'Grok 3', '2025-02-17', 131_072, 131_072, 3, 15, ['tool-use']),
  language('minimax/minimax-m2.7', 'MiniMax M2.7', '2026-03-18', 204_800, 131_072, 0.3, 1.2, [
    'reasoning',
    'tool-use',
  ]),
  // Groq-native ids are merged in with fewer fields (docs/cloud/chat.md example).
  {
    id: 'groq/compound',
    object: 'model',
    created: 0,
    owned_by: 'groq',
    name: 'Compound',
    description: 'Groq compound system model',
    type: 'language',
    tags: ['reasoning', 'tool-use'],
  },
  {
    id: 'openai/text-embedding-3-small',
    object: 'model',
    created: Date.parse('2024-01-25') / 1000,
    owned_by: 'openai',
    name: 'text-embedding-3-small',
    type: 'embedding',
    context_window: 8_192,
    pricing: { input: perToken(0.02) },
  },
  {
    id: 'openai/text-embedding-3-large',
    object: 'model',
    created: Date.parse('2024-01-25') / 1000,
    owned_by: 'openai',
    name: 'text-embedding-3-large',
    type: 'embedding',
    context_window: 8_192,
    pricing: { input: perToken(0.13) },
  },
  {
    id: 'google/gemini-2.5-flash-image',
    object: 'model',
    created: Date.parse('2025-08-26') / 1000,
    owned_by: 'google',
    name: 'Gemini 2.5 Flash Image',
    type: 'image',
    context_window: 32_768,
    max_tokens: 32_768,
    tags: ['image-generation'],
    pricing: { input: perToken(0.3), output: perToken(30) },
  },
]

export const findModel = (id: string) => MODEL_CATALOG.find((m) => m.id === id)
