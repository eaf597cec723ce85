// Values generated from a JSON schema, for the two sandbox extensions that need them
// (README.md "Sandbox policy"): tool-call `arguments` and `response_format: json_schema`
// content. The cloud ignores both (docs/cloud/chat.md "Request fields"); the sandbox answers as OpenAI
// would. Values are deterministic and built from the conversation where a string is free,
// and every result is checked with ajv before it leaves, so a schema we cannot satisfy is
// reported instead of answered with invalid JSON.
import { Ajv, type ValidateFunction } from 'ajv'
import { seededRandom } from './responder.ts'

type Schema = Record<string, unknown>

const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, logger: false })
const compiled = new WeakMap<object, ValidateFunction>()

/** An ajv validator for `schema`, compiled once per schema object. */
export function validatorFor(schema: Schema): ValidateFunction {
  let fn = compiled.get(schema)
  if (!fn) {
    fn = ajv.compile(schema)
    compiled.set(schema, fn)
  }
  return fn
}

export function isValid(schema: Schema, value: unknown): boolean {
  try {
    return validatorFor(schema)(value) === true
  } catch {
    return false
  }
}

interface GenContext {
  root: Schema
  rand: () => number
  /** Words from the conversation, used for free-text strings. */
  words: string[]
  /** The user's last message, for fields that obviously want it (query, text, prompt…). */
  text: string
  depth: number
}

const asSchema = (v: unknown): Schema => (v && typeof v === 'object' ? (v as Schema) : {})

function resolveRef(ctx: GenContext, schema: Schema): Schema {
  const ref = schema.$ref
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema
  let node: unknown = ctx.root
  for (const part of ref.slice(2).split('/')) {
    node = asSchema(node)[part.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return asSchema(node)
}

const FORMATS: Record<string, string> = {
  'date-time': '2025-01-15T09:30:00Z',
  date: '2025-01-15',
  time: '09:30:00Z',
  email: 'user@example.com',
  uri: 'https://example.com/resource',
  url: 'https://example.com/resource',
  uuid: '3f6c2a10-8d3b-4b8e-9a3c-1f2e3d4c5b6a',
  hostname: 'example.com',
  ipv4: '192.0.2.10',
  ipv6: '2001:db8::10',
}

const NAMED_STRINGS: Array<[RegExp, (ctx: GenContext) => string]> = [
  [/^(?:query|q|search|question|prompt|text|input|message|content)$/i, (c) => c.text],
  [/city|location|place/i, (c) => capitalWord(c) ?? 'Paris'],
  [/country/i, () => 'France'],
  [/^(?:name|title)$/i, (c) => titleFrom(c)],
  [/lang(?:uage)?$/i, () => 'en'],
  [/unit/i, () => 'celsius'],
  [/currency/i, () => 'USD'],
  [/summary|description|reason|answer|explanation/i, (c) => sentenceFrom(c)],
]

function capitalWord(ctx: GenContext): string | undefined {
  // "weather in Paris" → Paris: a capitalised word that does not start the sentence.
  const m = /\b(?:in|at|for|to|from|near)\s+([A-Z][\p{L}'-]+(?:\s+[A-Z][\p{L}'-]+)?)/u.exec(
    ctx.text,
  )
  return m?.[1]
}

function titleFrom(ctx: GenContext): string {
  const words = ctx.words.filter((w) => w.length > 3).slice(0, 3)
  return words.length > 0
    ? words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ')
    : 'Untitled'
}

function sentenceFrom(ctx: GenContext): string {
  const words = ctx.words.slice(0, 12).join(' ')
  return words ? `A short answer about ${words}.` : 'A short answer.'
}

function fitLength(value: string, schema: Schema): string {
  const min = typeof schema.minLength === 'number' ? schema.minLength : 0
  const max = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity
  let out = value
  while (out.length < min) out += out ? ' ' + out : 'x'
  return out.slice(0, Math.max(min, Math.min(max, out.length)))
}

function genString(ctx: GenContext, schema: Schema, key: string): string {
  if (typeof schema.format === 'string' && FORMATS[schema.format]) return FORMATS[schema.format]!
  if (typeof schema.pattern === 'string') {
    // Patterns are only honoured for the common simple cases; anything else is checked below.
    if (/^\^?\[a-z0-9_-]*\]\+\$?$/i.test(schema.pattern)) return 'example'
  }
  for (const [re, make] of NAMED_STRINGS) {
    if (re.test(key)) return fitLength(make(ctx) || 'example', schema)
  }
  const word = ctx.words.length > 0 ? ctx.words[Math.floor(ctx.rand() * ctx.words.length)] : null
  return fitLength(word ?? 'example', schema)
}

function genNumber(ctx: GenContext, schema: Schema, integer: boolean): number {
  const lo =
    typeof schema.minimum === 'number'
      ? schema.minimum
      : typeof schema.exclusiveMinimum === 'number'
        ? schema.exclusiveMinimum + (integer ? 1 : 0.5)
        : 0
  const hi =
    typeof schema.maximum === 'number'
      ? schema.maximum
      : typeof schema.exclusiveMaximum === 'number'
        ? schema.exclusiveMaximum - (integer ? 1 : 0.5)
        : lo + 100
  const digits = /\b(\d+(?:\.\d+)?)\b/.exec(ctx.text)?.[1]
  let value = digits !== undefined ? Number(digits) : lo + (hi - lo) * ctx.rand()
  if (value < lo || value > hi) value = lo + (hi - lo) / 2
  if (integer) value = Math.min(Math.floor(hi), Math.max(Math.ceil(lo), Math.round(value)))
  else value = Math.round(value * 100) / 100
  if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0) {
    value = Math.ceil(lo / schema.multipleOf) * schema.multipleOf
  }
  return value
}

function typeOf(schema: Schema): string | undefined {
  const t = schema.type
  if (Array.isArray(t)) return t.find((x) => x !== 'null') as string | undefined
  if (typeof t === 'string') return t
  if (schema.properties) return 'object'
  if (schema.items) return 'array'
  return undefined
}

function generate(ctx: GenContext, input: Schema, key: string): unknown {
  const schema = resolveRef(ctx, input)
  if (ctx.depth > 8) return null
  const inner = { ...ctx, depth: ctx.depth + 1 }
  if ('const' in schema) return schema.const
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[Math.floor(ctx.rand() * schema.enum.length)]
  }
  if ('default' in schema) return schema.default
  for (const k of ['anyOf', 'oneOf'] as const) {
    const options = schema[k]
    if (Array.isArray(options) && options.length > 0) {
      const nonNull = options.map(asSchema).find((o) => o.type !== 'null') ?? asSchema(options[0])
      return generate(inner, nonNull, key)
    }
  }
  if (Array.isArray(schema.allOf)) {
    const merged: Schema = {}
    for (const part of schema.allOf.map(asSchema)) {
      const resolved = resolveRef(ctx, part)
      Object.assign(merged, resolved, {
        properties: { ...asSchema(merged.properties), ...asSchema(resolved.properties) },
        required: [
          ...(Array.isArray(merged.required) ? merged.required : []),
          ...(Array.isArray(resolved.required) ? resolved.required : []),
        ],
      })
    }
    return generate(inner, merged, key)
  }
  switch (typeOf(schema)) {
    case 'string':
      return genString(ctx, schema, key)
    case 'integer':
      return genNumber(ctx, schema, true)
    case 'number':
      return genNumber(ctx, schema, false)
    case 'boolean':
      return ctx.rand() < 0.5
    case 'null':
      return null
    case 'array': {
      const min = typeof schema.minItems === 'number' ? schema.minItems : 1
      const max = typeof schema.maxItems === 'number' ? schema.maxItems : Math.max(min, 2)
      const count = Math.min(max, Math.max(min, 2))
      const items = asSchema(schema.items)
      const out: unknown[] = []
      for (let i = 0; i < count; i++) {
        out.push(
          generate({ ...inner, rand: seededRandom(Math.floor(ctx.rand() * 2 ** 32)) }, items, key),
        )
      }
      if (schema.uniqueItems === true) {
        return [...new Map(out.map((v) => [JSON.stringify(v), v])).values()]
      }
      return out
    }
    case 'object':
    default: {
      const props = asSchema(schema.properties)
      const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : [])
      const out: Record<string, unknown> = {}
      for (const [name, sub] of Object.entries(props)) {
        // Required properties always; optional ones when they are cheap to fill and plausible.
        if (!required.has(name) && ctx.rand() < 0.5) continue
        out[name] = generate(inner, asSchema(sub), name)
      }
      for (const name of required) {
        if (!(name in out)) out[name] = generate(inner, {}, name) ?? 'example'
      }
      return out
    }
  }
}

/**
 * A deterministic value for `schema`, shaped by `text` (the user's request). Returns `null`
 * (not a value) when the generated value does not validate, so the caller can say so.
 */
export function valueForSchema(
  schema: Schema,
  text: string,
  seed: number,
): { ok: true; value: unknown } | { ok: false; error: string } {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter(
    (w) => !/^(?:the|a|an|is|are|what|in|of|to|for|and|please|me|my|i|you)$/.test(w),
  )
  const ctx: GenContext = { root: schema, rand: seededRandom(seed), words, text, depth: 0 }
  let value: unknown
  try {
    value = generate(ctx, schema, '')
  } catch (error) {
    return { ok: false, error: (error as Error).message }
  }
  let validate: ValidateFunction
  try {
    validate = validatorFor(schema)
  } catch (error) {
    return { ok: false, error: `Invalid schema: ${(error as Error).message}` }
  }
  if (!validate(value)) {
    return { ok: false, error: ajv.errorsText(validate.errors) }
  }
  return { ok: true, value }
}
