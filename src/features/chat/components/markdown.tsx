import { lazy, memo, Suspense } from 'react'
import { whenIdle } from '@/lib/idle'
import { preloadHighlighter } from './code-block'

// The renderer (react-markdown, remark-gfm and their parser) is its own chunk, never on the
// first page: a saved conversation's loader awaits it (`preloadMarkdown`) so its first paint is
// already formatted; a new chat loads it at the first keystroke (`preloadReplyRenderers`).
let renderer: Promise<typeof import('./markdown-render')> | null = null

/** Starts (once) loading the markdown renderer; resolves when it is ready. */
export function preloadMarkdown(): Promise<unknown> {
  renderer ??= import('./markdown-render')
  return renderer.catch((error: unknown) => {
    renderer = null // a later render tries again (e.g. after the server came back)
    throw error
  })
}

/** When the main thread is idle: the markdown renderer, then the code highlighter. Cancellable. */
export const preloadReplyRenderers = (): (() => void) =>
  whenIdle(() => {
    void preloadMarkdown()
      .then(preloadHighlighter)
      .catch(() => undefined)
  })

const LazyMarkdown = lazy(() =>
  (renderer ??= import('./markdown-render')).then((m) => ({ default: m.MarkdownContent })),
)

type MarkdownProps = {
  text: string
  /** A reply still arriving: an unfinished table or fence renders as far as it goes. */
  isStreaming?: boolean
}

/**
 * Model output rendered as markdown (GitHub tables, nested and task lists, highlighted code).
 * Memoised on the text: a finished message is not parsed again while another one streams. Until
 * the renderer has loaded, the text shows as it is, in the same box.
 */
export const Markdown = memo(function Markdown({ text, isStreaming = false }: MarkdownProps) {
  return (
    <Suspense
      fallback={<p className="text-sm leading-relaxed break-words whitespace-pre-wrap">{text}</p>}
    >
      <LazyMarkdown text={text} isStreaming={isStreaming} />
    </Suspense>
  )
})
