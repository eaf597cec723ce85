// A small JSON-schema checker for structured replies. Ajv compiles schemas with `new Function`,
// which the console's Content-Security-Policy (no 'unsafe-eval') forbids, so this walks the
// schema instead. It covers the keywords structured-output schemas use: type (also as a list),
// properties, required, additionalProperties, items, enum, const, minimum/maximum,
// minLength/maxLength, minItems/maxItems, anyOf/oneOf/allOf. Unknown keywords are ignored.

type Schema = Record<string, unknown>

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)

/** Problems of `value` against `schema`, each as "<path> <message>"; empty when it matches. */
export function validateJson(schema: unknown, value: unknown, path = ''): string[] {
  if (!isRecord(schema)) return []
  const at = path || '(root)'
  const errors: string[] = []
  const s = schema as Schema

  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type.map(String) : [String(s.type)]
    if (!types.some((t) => matchesType(value, t))) {
      return [`${at} must be ${types.join(' or ')}`]
    }
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    errors.push(`${at} must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`)
  }
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(value)) {
    errors.push(`${at} must be ${JSON.stringify(s.const)}`)
  }
  if (typeof value === 'number') {
    const min = num(s.minimum)
    const max = num(s.maximum)
    if (min !== undefined && value < min) errors.push(`${at} must be ≥ ${min}`)
    if (max !== undefined && value > max) errors.push(`${at} must be ≤ ${max}`)
  }
  if (typeof value === 'string') {
    const min = num(s.minLength)
    const max = num(s.maxLength)
    if (min !== undefined && value.length < min) errors.push(`${at} must have ≥ ${min} characters`)
    if (max !== undefined && value.length > max) errors.push(`${at} must have ≤ ${max} characters`)
  }
  if (Array.isArray(value)) {
    const min = num(s.minItems)
    const max = num(s.maxItems)
    if (min !== undefined && value.length < min) errors.push(`${at} must have ≥ ${min} items`)
    if (max !== undefined && value.length > max) errors.push(`${at} must have ≤ ${max} items`)
    if (isRecord(s.items)) {
      value.forEach((item, i) => errors.push(...validateJson(s.items, item, `${path}/${i}`)))
    }
  }
  if (isRecord(value)) {
    const properties = isRecord(s.properties) ? s.properties : {}
    for (const key of Array.isArray(s.required) ? s.required.map(String) : []) {
      if (!(key in value)) errors.push(`${at} must have property "${key}"`)
    }
    for (const [key, v] of Object.entries(value)) {
      if (key in properties) errors.push(...validateJson(properties[key], v, `${path}/${key}`))
      else if (s.additionalProperties === false) errors.push(`${at} must not have "${key}"`)
      else if (isRecord(s.additionalProperties))
        errors.push(...validateJson(s.additionalProperties, v, `${path}/${key}`))
    }
  }
  if (Array.isArray(s.allOf))
    for (const sub of s.allOf) errors.push(...validateJson(sub, value, path))
  if (
    Array.isArray(s.anyOf) &&
    !s.anyOf.some((sub) => validateJson(sub, value, path).length === 0)
  ) {
    errors.push(`${at} must match one of the anyOf schemas`)
  }
  if (Array.isArray(s.oneOf)) {
    const matching = s.oneOf.filter((sub) => validateJson(sub, value, path).length === 0).length
    if (matching !== 1) errors.push(`${at} must match exactly one of the oneOf schemas`)
  }
  return errors
}
