// Split for the bundle: Prism loads in idle time once a reply may come, off the first page.
import { Fragment, useMemo, type CSSProperties } from 'react'
import {
  normalizeTokens,
  Prism,
  type PrismTheme,
  type PrismThemeEntry,
  type Token,
} from 'prism-react-renderer'

// Loaded lazily by code-block.tsx: Prism and its grammars reach the browser only once a reply
// holds a fenced code block. Colours are our theme tokens (theme.css: each text token meets
// 4.5:1 on card and muted in light and dark), so the highlighting follows the theme switch.
const tokenTheme: PrismTheme = {
  plain: { color: 'var(--foreground)' },
  styles: [
    {
      types: ['comment', 'prolog', 'doctype', 'cdata', 'punctuation', 'operator'],
      style: { color: 'var(--muted-foreground)' },
    },
    { types: ['comment'], style: { fontStyle: 'italic' } },
    {
      types: ['keyword', 'atrule', 'selector', 'builtin', 'important', 'rule'],
      style: { color: 'var(--primary)' },
    },
    {
      types: ['string', 'char', 'attr-value', 'regex', 'template-string', 'inserted'],
      style: { color: 'var(--success)' },
    },
    {
      types: ['number', 'boolean', 'constant', 'symbol', 'unit', 'variable'],
      style: { color: 'var(--warning)' },
    },
    {
      types: ['function', 'class-name', 'tag', 'attr-name', 'property', 'deleted', 'namespace'],
      style: { color: 'var(--destructive)' },
    },
  ],
}

// Names replies use for languages Prism knows under another id.
const ALIASES: Record<string, string> = {
  ts: 'typescript',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  rs: 'rust',
  golang: 'go',
  yml: 'yaml',
  md: 'markdown',
  html: 'markup',
  xml: 'markup',
  svg: 'markup',
  'c++': 'cpp',
  kt: 'kotlin',
  objc: 'objectivec',
}

/** The Prism grammar id for a fence's language, or null when Prism has none. */
export function grammarFor(lang: string): string | null {
  const id = lang.trim().toLowerCase()
  const name = ALIASES[id] ?? id
  return name && Object.hasOwn(Prism.languages, name) ? name : null
}

// What each token type looks like, resolved once (the last matching entry wins, as in Prism).
const styleOf = new Map<string, PrismThemeEntry>()
for (const entry of tokenTheme.styles)
  for (const type of entry.types) styleOf.set(type, { ...styleOf.get(type), ...entry.style })

function tokenStyle(types: readonly string[]): CSSProperties {
  let style: CSSProperties = tokenTheme.plain
  for (const type of types) {
    const extra = styleOf.get(type)
    if (extra) style = { ...style, ...extra }
  }
  return style
}

// Tokens of recently shown blocks: a finished reply replacing its streaming bubble, or a message
// scrolled back into the virtualized log, is not tokenized again.
const CACHE_SIZE = 300
const cache = new Map<string, Token[][]>()

function tokenize(code: string, language: string): Token[][] {
  const key = `${language}\u0000${code}`
  const hit = cache.get(key)
  if (hit) return hit
  const grammar = Prism.languages[language]
  if (!grammar) return normalizeTokens([code])
  // As prism-react-renderer's own tokenizer does: Prism's hooks see every block.
  const env = { code, grammar, language, tokens: [] as ReturnType<typeof Prism.tokenize> }
  Prism.hooks.run('before-tokenize', env)
  env.tokens = Prism.tokenize(env.code, env.grammar)
  Prism.hooks.run('after-tokenize', env)
  const lines = normalizeTokens(env.tokens)
  cache.set(key, lines)
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? '')
  return lines
}

/**
 * The code as Prism tokens: React elements only (no HTML strings). Lines are joined with '\n'
 * inside the caller's <code>, so the text and layout equal the plain block it replaces. A
 * language Prism does not know stays plain text.
 */
export function HighlightedCode({ code, lang }: { code: string; lang: string }) {
  const language = grammarFor(lang)
  const lines = useMemo(() => (language ? tokenize(code, language) : null), [code, language])
  if (!lines) return code
  return lines.map((line, i) => (
    <Fragment key={i}>
      {i > 0 ? '\n' : null}
      {line.map((token, j) =>
        token.empty ? null : (
          <span
            key={j}
            className={`token ${token.types.join(' ')}`}
            style={tokenStyle(token.types)}
          >
            {token.content}
          </span>
        ),
      )}
    </Fragment>
  ))
}
