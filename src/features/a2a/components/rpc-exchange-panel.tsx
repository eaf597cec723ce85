import { CopyButton } from '@/components/copy-button'
import { ViewCodeDialog } from '@/components/view-code-dialog'
import { a2aCodeSamples } from '../lib/code-samples'
import type { RpcExchange } from '../api/rpc'
import type { RpcRequest } from '../api/schemas'

/** Pretty JSON when the body is JSON; the text as received otherwise. */
export function prettyBody(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

function RawBlock({ title, text, summary }: { title: string; text: string; summary: string }) {
  return (
    <details className="group rounded-md border">
      <summary className="flex cursor-pointer items-center justify-between gap-2 px-3 py-2 text-sm font-medium focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
        <span>
          {title} <span className="font-normal text-muted-foreground">· {summary}</span>
        </span>
      </summary>
      <div className="grid gap-2 border-t p-3">
        <div className="flex justify-end">
          <CopyButton text={text} label={`Copy ${title.toLowerCase()}`} />
        </div>
        <pre
          aria-label={title}
          className="max-h-96 overflow-auto rounded-md bg-muted/60 p-3 font-mono text-xs leading-relaxed"
        >
          {text}
        </pre>
      </div>
    </details>
  )
}

/** The raw JSON-RPC request (always) and response (once there is one), and "View code". */
export function RpcExchangePanel({
  request,
  exchange,
  keyVariable,
}: {
  request: RpcRequest
  exchange?: RpcExchange
  keyVariable: string | null
}) {
  const requestText = JSON.stringify(request, null, 2)
  let responseSummary = ''
  let responseText: string | null = null
  if (exchange) {
    const status = exchange.status === null ? 'no response' : `HTTP ${exchange.status}`
    responseSummary = `${status} · ${exchange.durationMs} ms`
    if (exchange.responseText === null) {
      responseText = `(no response: ${exchange.outcome.ok ? '' : exchange.outcome.error.message})`
    } else if (exchange.responseText === '') {
      responseText = '(empty body)'
    } else responseText = prettyBody(exchange.responseText)
  }
  return (
    <div className="grid gap-2" aria-label="JSON-RPC exchange" role="group">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold">
          Raw JSON-RPC <span className="font-mono font-normal">{request.method}</span>
        </h3>
        <ViewCodeDialog
          samples={() => (keyVariable ? a2aCodeSamples(request, keyVariable) : [])}
          keyVariable={keyVariable}
          description={`This ${request.method} call to POST /api/a2a.`}
        />
      </div>
      <RawBlock title="Request" text={requestText} summary={`POST /api/a2a`} />
      {responseText !== null ? (
        <RawBlock title="Response" text={responseText} summary={responseSummary} />
      ) : null}
    </div>
  )
}
