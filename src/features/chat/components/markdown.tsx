import { memo, type ReactNode } from 'react'
import { CodeBlock } from './code-block'

// A small markdown renderer that builds React elements (no HTML strings, so nothing to sanitise:
// raw HTML in the text shows as text). It covers what replies use: paragraphs, headings, lists,
// block quotes, fenced code (an unterminated fence runs to the end, as it does mid-stream),
// inline code, emphasis and links (http, https and mailto only). Code blocks are highlighted by
// a lazily loaded Prism (code-block.tsx).

type Block =
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; text: string }
  | { kind: 'paragraph'; text: string }

const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+#.-]*)/
const HEADING = /^\s{0,3}(#{1,6})\s+(.*)$/
const BULLET = /^\s{0,3}[-*+]\s+(.*)$/
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n')
  const blocks: Block[] = []
  let i = 0
  while (i < lines.length) {
    const line = lines[i] ?? ''
    const fence = FENCE.exec(line)
    if (fence) {
      const marker = fence[1] ?? '```'
      const body: string[] = []
      i++
      while (i < lines.length && !(lines[i] ?? '').trim().startsWith(marker)) {
        body.push(lines[i] ?? '')
        i++
      }
      i++ // the closing fence, or past the end when it never came
      blocks.push({ kind: 'code', lang: fence[2] ?? '', text: body.join('\n') })
      continue
    }
    if (!line.trim()) {
      i++
      continue
    }
    const heading = HEADING.exec(line)
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' })
      i++
      continue
    }
    const ordered = NUMBERED.test(line)
    if (ordered || BULLET.test(line)) {
      const pattern = ordered ? NUMBERED : BULLET
      const items: string[] = []
      while (i < lines.length) {
        const current = lines[i] ?? ''
        const match = pattern.exec(current)
        if (match) items.push(match[1] ?? '')
        else if (current.trim() && /^\s{2,}/.test(current) && items.length > 0)
          items[items.length - 1] += ` ${current.trim()}`
        else break
        i++
      }
      blocks.push({ kind: 'list', ordered, items })
      continue
    }
    if (/^\s{0,3}>/.test(line)) {
      const quoted: string[] = []
      while (i < lines.length && /^\s{0,3}>/.test(lines[i] ?? '')) {
        quoted.push((lines[i] ?? '').replace(/^\s{0,3}>\s?/, ''))
        i++
      }
      blocks.push({ kind: 'quote', text: quoted.join(' ') })
      continue
    }
    const para: string[] = []
    while (i < lines.length) {
      const current = lines[i] ?? ''
      if (!current.trim() || FENCE.test(current) || HEADING.test(current)) break
      if (para.length > 0 && (BULLET.test(current) || NUMBERED.test(current))) break
      para.push(current.trim())
      i++
    }
    blocks.push({ kind: 'paragraph', text: para.join('\n') })
  }
  return blocks
}

const SAFE_URL = /^(https?:\/\/|mailto:)/i
// `code`, **strong**, *em* / _em_, [text](url)
const INLINE =
  /(`+)([^`]+?)\1|\*\*([^*]+?)\*\*|__([^_]+?)__|\*([^*\s][^*]*?)\*|_([^_\s][^_]*?)_|\[([^\]]+)\]\(([^)\s]+)\)/g

export function renderInline(text: string, keyPrefix = 'i'): ReactNode[] {
  const out: ReactNode[] = []
  let last = 0
  let n = 0
  for (const m of text.matchAll(INLINE)) {
    const at = m.index
    if (at > last) out.push(text.slice(last, at))
    const key = `${keyPrefix}-${n++}`
    if (m[2] !== undefined) {
      out.push(
        <code key={key} className="rounded bg-muted px-1 py-0.5 font-mono text-[0.9em]">
          {m[2]}
        </code>,
      )
    } else if (m[3] !== undefined || m[4] !== undefined) {
      out.push(<strong key={key}>{renderInline(m[3] ?? m[4] ?? '', key)}</strong>)
    } else if (m[5] !== undefined || m[6] !== undefined) {
      out.push(<em key={key}>{renderInline(m[5] ?? m[6] ?? '', key)}</em>)
    } else if (m[7] !== undefined && m[8] !== undefined) {
      const href = m[8]
      out.push(
        SAFE_URL.test(href) ? (
          <a
            key={key}
            href={href}
            target="_blank"
            rel="noreferrer noopener"
            className="text-primary underline underline-offset-4"
          >
            {renderInline(m[7], key)}
          </a>
        ) : (
          // javascript:, data: and relative links are shown, not followed
          <span key={key}>{m[0]}</span>
        ),
      )
    }
    last = at + m[0].length
  }
  if (last < text.length) out.push(text.slice(last))
  return out
}

function withBreaks(text: string, key: string): ReactNode[] {
  return text.split('\n').flatMap((line, i) => {
    const parts = renderInline(line, `${key}-${i}`)
    return i === 0 ? parts : [<br key={`${key}-br-${i}`} />, ...parts]
  })
}

const headingClass = ['text-lg', 'text-base', 'text-sm', 'text-sm', 'text-sm', 'text-sm']

function sameBlock(a: Block, b: Block): boolean {
  switch (a.kind) {
    case 'list':
      return (
        b.kind === 'list' &&
        a.ordered === b.ordered &&
        a.items.length === b.items.length &&
        a.items.every((item, i) => item === b.items[i])
      )
    case 'code':
      return b.kind === 'code' && a.lang === b.lang && a.text === b.text
    case 'heading':
      return b.kind === 'heading' && a.level === b.level && a.text === b.text
    default:
      return a.kind === b.kind && 'text' in b && a.text === b.text
  }
}

/**
 * One block, memoised on its content: while a reply streams only its last block changes, so a
 * token re-renders that block and not the whole reply.
 */
const MarkdownBlock = memo(
  function MarkdownBlock({ block: b, id: key }: { block: Block; id: string }) {
    switch (b.kind) {
      case 'code':
        return <CodeBlock lang={b.lang} code={b.text} />
      case 'heading': {
        const Tag = (['h3', 'h4', 'h5', 'h6', 'h6', 'h6'] as const)[b.level - 1] ?? 'h6'
        return (
          <Tag className={`font-semibold ${headingClass[b.level - 1] ?? 'text-sm'}`}>
            {renderInline(b.text, key)}
          </Tag>
        )
      }
      case 'list': {
        const List = b.ordered ? 'ol' : 'ul'
        return (
          <List className={`grid gap-1 pl-5 ${b.ordered ? 'list-decimal' : 'list-disc'}`}>
            {b.items.map((item, j) => (
              <li key={j}>{renderInline(item, `${key}-${j}`)}</li>
            ))}
          </List>
        )
      }
      case 'quote':
        return (
          <blockquote className="border-l-2 pl-3 text-muted-foreground">
            {renderInline(b.text, key)}
          </blockquote>
        )
      default:
        return <p>{withBreaks(b.text, key)}</p>
    }
  },
  (prev, next) => prev.id === next.id && sameBlock(prev.block, next.block),
)

/** Renders model output as markdown; memoised on the text, and per block. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  const blocks = parseBlocks(text)
  return (
    <div className="grid gap-2 text-sm leading-relaxed break-words">
      {blocks.map((b, i) => (
        <MarkdownBlock key={i} id={`b${i}`} block={b} />
      ))}
    </div>
  )
})
