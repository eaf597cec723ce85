// Split for the bundle: loaded at the first keystroke or with a saved chat, off the first page.
import { memo, type ComponentProps, type ReactNode } from 'react'
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { cn } from '@/lib/cn'
import { CodeBlock } from './code-block'

// Model output as markdown, through react-markdown (a syntax tree turned into React elements:
// no HTML strings, no `eval`) with GitHub's extensions (remark-gfm: tables, task lists,
// strikethrough, autolinks). Raw HTML in a reply is not interpreted (no rehype-raw): it shows as
// text. This module is its own chunk (markdown.tsx loads it), so none of it is on the first page.

const SAFE_URL = /^(?:https?:|mailto:)/i

/** Keeps http(s) and mailto links; everything else (javascript:, data:, relative) becomes ''. */
export function safeUrl(url: string): string {
  return SAFE_URL.test(url.trim()) ? url : ''
}

type HastNode = { type: string; value?: string; tagName?: string; children?: HastNode[] }

function textOf(node: HastNode | undefined): string {
  if (!node) return ''
  if (node.type === 'text') return node.value ?? ''
  return (node.children ?? []).map(textOf).join('')
}

function Pre({ node }: ComponentProps<'pre'> & ExtraProps) {
  const code = (node?.children as HastNode[] | undefined)?.find(
    (c) => c.type === 'element' && c.tagName === 'code',
  ) as (HastNode & { properties?: { className?: unknown } }) | undefined
  const classes = Array.isArray(code?.properties?.className) ? code.properties.className : []
  const lang =
    classes
      .map(String)
      .find((c) => c.startsWith('language-'))
      ?.slice('language-'.length) ?? ''
  // CommonMark ends a fenced block's text with a newline; the old renderer did not show it.
  return <CodeBlock lang={lang} code={textOf(code).replace(/\n$/, '')} />
}

function Link({ href, children }: ComponentProps<'a'> & ExtraProps) {
  // Unsafe targets were emptied by `safeUrl`: show the text, follow nothing.
  if (!href) return <span>{children}</span>
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      className="text-primary underline underline-offset-4"
    >
      {children}
    </a>
  )
}

/** Images are not loaded from replies (a remote image would tell its host who read it): a link. */
function Image({ src, alt }: ComponentProps<'img'> & ExtraProps) {
  const label = `Image: ${alt || 'untitled'}`
  return typeof src === 'string' && src ? <Link href={src}>{label}</Link> : <span>{label}</span>
}

function Checkbox({ checked, type, node: _node, ...rest }: ComponentProps<'input'> & ExtraProps) {
  if (type !== 'checkbox') return <input type={type} {...rest} />
  return (
    <input
      type="checkbox"
      checked={checked}
      readOnly
      disabled
      aria-label={checked ? 'Done' : 'Not done'}
      className="mr-1.5 size-3.5 translate-y-0.5 accent-primary"
    />
  )
}

const heading = (Tag: 'h3' | 'h4' | 'h5' | 'h6', size: string) =>
  function Heading({ children }: { children?: ReactNode }) {
    return <Tag className={cn('font-semibold', size)}>{children}</Tag>
  }

// Replies sit inside the page, whose own headings start at h1: a reply's # is an h3.
const components: Components = {
  pre: Pre,
  a: Link,
  img: Image,
  input: Checkbox,
  h1: heading('h3', 'text-lg'),
  h2: heading('h4', 'text-base'),
  h3: heading('h5', 'text-sm'),
  h4: heading('h6', 'text-sm'),
  h5: heading('h6', 'text-sm'),
  h6: heading('h6', 'text-sm'),
  code: ({ children }) => (
    <code className="rounded bg-muted px-1 py-0.5 font-mono text-[0.9em]">{children}</code>
  ),
  ul: ({ children, className }) => (
    <ul
      className={cn(
        'grid gap-1 pl-5',
        className?.includes('contains-task-list') ? 'list-none pl-1' : 'list-disc',
        // A nested list: circles, then squares.
        '[&_ul]:mt-1 [&_ul]:list-[circle] [&_ul_ul]:list-[square]',
      )}
    >
      {children}
    </ul>
  ),
  ol: ({ children, start }) => (
    <ol
      start={start}
      className="grid list-decimal gap-1 pl-5 [&_ol]:mt-1 [&_ol]:list-[lower-alpha]"
    >
      {children}
    </ol>
  ),
  blockquote: ({ children }) => (
    <blockquote className="grid gap-2 border-l-2 pl-3 text-muted-foreground">{children}</blockquote>
  ),
  hr: () => <hr className="border-border" />,
  // A wide table scrolls sideways in its own box (a phone), never the page.
  table: ({ children }) => (
    <div className="max-w-full overflow-x-auto rounded-md border">
      <table className="w-max min-w-full border-collapse text-xs">{children}</table>
    </div>
  ),
  thead: ({ children }) => <thead className="bg-muted/70">{children}</thead>,
  tr: ({ children }) => <tr className="border-b last:border-b-0">{children}</tr>,
  th: ({ children, style }) => (
    <th style={style} className="px-2.5 py-1.5 text-left font-semibold whitespace-nowrap">
      {children}
    </th>
  ),
  td: ({ children, style }) => (
    <td style={style} className="px-2.5 py-1.5 align-top">
      {children}
    </td>
  ),
}

const plugins = [remarkGfm]

// A delimiter row still being typed ("| --- | -", or "|--") under a header row: completed while
// the reply streams, so a half table shows as a table, not as lines of pipes.
const HEADER_ROW = /^\s*\|.*\|\s*$/
const PARTIAL_DELIMITER = /^\s*\|?[\s:|-]*$/

/**
 * Text as it is rendered while a reply streams: an unterminated code fence already runs to the
 * end (CommonMark), and a table whose delimiter row is incomplete gets a complete one.
 */
export function completeForStreaming(text: string): string {
  const end = text.lastIndexOf('\n')
  if (end < 0) return text
  const last = text.slice(end + 1)
  const before = text.slice(0, end)
  const header = before.slice(before.lastIndexOf('\n') + 1)
  if (!last.includes('-') && !last.includes('|')) return text
  if (!PARTIAL_DELIMITER.test(last) || !HEADER_ROW.test(header)) return text
  const cells = header
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|').length
  return `${before}\n|${' --- |'.repeat(cells)}`
}

// Blocks split at blank lines before a line that starts a new top-level block (not indented, not
// a list item, table row or quote), outside code fences: each is parsed on its own and memoised,
// so a streaming token re-parses only the last block. Reference-style links and footnotes need
// the whole text, so a reply that defines any is parsed in one piece.
const CONTINUES = /^(?:\s|[-*+>|]|\d{1,9}[.)]|$)/
const DEFINITION = /^\s{0,3}\[[^\]]+\]:/m

export function splitBlocks(text: string): string[] {
  if (DEFINITION.test(text)) return [text]
  const lines = text.split('\n')
  const blocks: string[] = []
  let current: string[] = []
  let fence: string | null = null
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    const isInFence = fence !== null
    if (marker) {
      if (fence === null) fence = marker
      else if (marker.startsWith(fence[0] ?? '') && marker.length >= fence.length) fence = null
    }
    const previous = lines[i - 1]
    if (
      !isInFence &&
      i > 0 &&
      previous !== undefined &&
      previous.trim() === '' &&
      !CONTINUES.test(line) &&
      current.some((l) => l.trim() !== '')
    ) {
      blocks.push(current.join('\n'))
      current = []
    }
    current.push(line)
  }
  blocks.push(current.join('\n'))
  return blocks
}

const Block = memo(function Block({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={plugins} components={components} urlTransform={safeUrl}>
      {text}
    </ReactMarkdown>
  )
})

/** Renders `text` as markdown; `isStreaming` tolerates a reply cut anywhere. */
export function MarkdownContent({ text, isStreaming }: { text: string; isStreaming: boolean }) {
  const blocks = splitBlocks(isStreaming ? completeForStreaming(text) : text)
  return (
    <div className="grid min-w-0 gap-2 text-sm leading-relaxed break-words">
      {blocks.map((block, i) => (
        <Block key={i} text={block} />
      ))}
    </div>
  )
}
