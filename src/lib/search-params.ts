// Validators for a route's search params (`validateSearch`). Route options stay in the first
// page's chunk (the router needs them to match any URL), so they are small typed functions rather
// than schemas: a zod schema there would put its checks in the JS every visitor loads.
// Like the schemas they replace, a missing or malformed value degrades to the default (docs/architecture.md §6).

export interface TextRules {
  /** Maximum length (after trimming, when `trim` is set). */
  max?: number
  /** The whole value must match. */
  pattern?: RegExp
  /** Leading and trailing white space is removed before the checks. */
  trim?: boolean
}

/** A string that follows `rules`, else undefined (not a string, too long, no match). */
export function optionalText(value: unknown, rules: TextRules = {}): string | undefined {
  if (typeof value !== 'string') return undefined
  const text = rules.trim ? value.trim() : value
  if (rules.max !== undefined && text.length > rules.max) return undefined
  if (rules.pattern && !rules.pattern.test(text)) return undefined
  return text
}

/** A string that follows `rules`, else `fallback`. */
export function text(value: unknown, fallback: string, rules: TextRules = {}): string {
  return optionalText(value, rules) ?? fallback
}

/** One of `allowed`, else `fallback`. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : fallback
}
