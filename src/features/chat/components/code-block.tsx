import { lazy, memo, Suspense } from 'react'
import { CopyButton } from '@/components/copy-button'

// Prism is its own chunk (issue #5: "highlighter loaded lazily"): never on the first page. The
// playground warms it in idle time once a reply may come (`preloadReplyRenderers`), because
// compiling it on the first code block of a streaming reply was a 50–60 ms task in `npm run bench`
// (chat render).
let highlighter: Promise<typeof import('./code-highlight')> | null = null
const loadHighlighter = () => (highlighter ??= import('./code-highlight'))

const LazyHighlightedCode = lazy(() =>
  loadHighlighter().then((m) => ({ default: m.HighlightedCode })),
)

/** Fetches and compiles the highlighter, so a reply's first code block costs nothing. */
export const preloadHighlighter = (): Promise<unknown> => loadHighlighter()

type CodeBlockProps = { lang: string; code: string }

/**
 * A fenced code block: language label, Copy button, and the code, plain until the highlighter
 * has loaded (same <pre>, so nothing moves). Memoised on its text: while a reply streams, only
 * the block that is still growing is tokenized again, never the ones before it.
 */
export const CodeBlock = memo(function CodeBlock({ lang, code }: CodeBlockProps) {
  return (
    <div className="grid min-w-0 overflow-hidden rounded-md border bg-muted/60">
      <div className="flex items-center justify-between gap-2 border-b py-0.5 pr-1 pl-3 text-xs text-muted-foreground">
        <span className="font-mono">{lang || 'text'}</span>
        <CopyButton text={code} label="Copy code" compact />
      </div>
      <pre
        className="overflow-x-auto p-3 font-mono text-xs leading-relaxed"
        data-lang={lang || undefined}
      >
        <code>
          <Suspense fallback={code}>
            <LazyHighlightedCode code={code} lang={lang} />
          </Suspense>
        </code>
      </pre>
    </div>
  )
})
