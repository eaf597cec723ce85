// Environment variables of a deployment: the cloud's rules (docs/containers.md §Create) and the
// `.env` text the editor's paste mode reads and writes.

export const ENV_LIMITS = {
  /** At most this many variables per container. */
  count: 50,
  /** Each value at most this many bytes (UTF-8). */
  valueBytes: 32_768,
} as const

/** A name starts with a letter or underscore, then letters, digits and underscores. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export interface EnvVar {
  key: string
  value: string
}

const encoder = new TextEncoder()
export const byteLength = (s: string) => encoder.encode(s).length

/** Why one name is refused, or null. */
export function envNameProblem(key: string): string | null {
  if (key === '') return 'Name is required'
  if (!ENV_NAME.test(key)) {
    return /^[0-9]/.test(key)
      ? 'Must start with a letter or underscore'
      : 'Letters, digits and underscores only'
  }
  return null
}

/** Why one value is refused, or null. */
export function envValueProblem(value: string): string | null {
  const bytes = byteLength(value)
  return bytes > ENV_LIMITS.valueBytes
    ? `At most 32 KB (${ENV_LIMITS.valueBytes.toLocaleString('en-US')} bytes); this is ${bytes.toLocaleString('en-US')}`
    : null
}

/** Indexes of rows whose name appeared earlier in the list. */
export function duplicateIndexes(vars: readonly EnvVar[]): number[] {
  const seen = new Set<string>()
  const out: number[] = []
  vars.forEach((v, i) => {
    if (v.key === '') return
    if (seen.has(v.key)) out.push(i)
    seen.add(v.key)
  })
  return out
}

/** Rows with neither a name nor a value are left out of what is sent. */
export const isBlankRow = (v: EnvVar) => v.key.trim() === '' && v.value === ''

/** The body's `environment_vars` object. */
export function toEnvObject(vars: readonly EnvVar[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const v of vars) if (!isBlankRow(v)) out[v.key.trim()] = v.value
  return out
}

export const fromEnvObject = (env: Record<string, string>): EnvVar[] =>
  Object.entries(env).map(([key, value]) => ({ key, value }))

export interface EnvParseResult {
  vars: EnvVar[]
  /** One message per line that could not be read ("Line 3: …"). */
  errors: string[]
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }

/**
 * Reads `.env` text: `KEY=value` per line, blank lines and `# comments` skipped, an optional
 * `export ` prefix; unquoted values are trimmed and end at ` #`; 'single-quoted' values are
 * literal; "double-quoted" values may span lines and know \n, \t, \" and \\. Names are not checked
 * here (the editor checks every row the same way, typed or pasted).
 */
export function parseDotenv(text: string): EnvParseResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const vars: EnvVar[] = []
  const errors: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1
    const line = (lines[i] ?? '').trim()
    if (line === '' || line.startsWith('#')) continue
    const match = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line)
    if (!match) {
      errors.push(`Line ${lineNo}: expected NAME=value`)
      continue
    }
    const key = match[1] ?? ''
    let rest = match[2] ?? ''
    if (rest.startsWith('"')) {
      // A double-quoted value: read until the closing quote, across lines if need be.
      let value = ''
      let j = 1
      let closed = false
      let raw = rest
      for (;;) {
        while (j < raw.length) {
          const ch = raw[j] ?? ''
          if (ch === '\\' && j + 1 < raw.length) {
            const next = raw[j + 1] ?? ''
            value += ESCAPES[next] ?? `\\${next}`
            j += 2
            continue
          }
          if (ch === '"') {
            closed = true
            break
          }
          value += ch
          j++
        }
        if (closed || i + 1 >= lines.length) break
        value += '\n'
        i++
        raw = lines[i] ?? ''
        j = 0
      }
      if (!closed) {
        errors.push(`Line ${lineNo}: the quoted value of ${key} is not closed`)
        continue
      }
      const after = raw.slice(j + 1).trim()
      if (after !== '' && !after.startsWith('#')) {
        errors.push(`Line ${i + 1}: unexpected text after the quoted value of ${key}`)
        continue
      }
      vars.push({ key, value })
    } else if (rest.startsWith("'")) {
      const end = rest.indexOf("'", 1)
      if (end === -1) {
        errors.push(`Line ${lineNo}: the quoted value of ${key} is not closed`)
        continue
      }
      vars.push({ key, value: rest.slice(1, end) })
    } else {
      const comment = rest.search(/\s#/)
      if (comment !== -1) rest = rest.slice(0, comment)
      vars.push({ key, value: rest.trim() })
    }
  }
  return { vars, errors }
}

/** Writes rows as `.env` text that {@link parseDotenv} reads back to the same rows. */
export function formatDotenv(vars: readonly EnvVar[]): string {
  return vars
    .filter((v) => !isBlankRow(v))
    .map(({ key, value }) => {
      const plain = value === '' || /^[^\s"'#\\]+$/.test(value)
      if (plain) return `${key}=${value}`
      const escaped = value
        .replace(/\\/g, '\\\\')
        .replace(/"/g, '\\"')
        .replace(/\n/g, '\\n')
        .replace(/\r/g, '\\r')
        .replace(/\t/g, '\\t')
      return `${key}="${escaped}"`
    })
    .join('\n')
}

/** Pasted text that is clearly `.env` content (several lines, or one NAME=value). */
export function looksLikeDotenv(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
  return lines.length > 0 && lines.every((l) => /^\s*(?:export\s+)?[^=\s]+\s*=/.test(l))
}
