import { lazy, memo, Suspense } from 'react'
import { CopyButton } from '@/components/copy-button'

// Prism arrives in its own chunk on the first code block (issue #5: "highlighter loaded lazily").
const LazyHighlightedCode = lazy(() =>
  import('./code-highlight').then((m) => ({ default: m.HighlightedCode })),
)

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
