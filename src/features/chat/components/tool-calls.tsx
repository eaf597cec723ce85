import { Wrench } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Textarea } from '@/components/ui/textarea'
import type { ToolCall } from '../storage/conversations'

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2)
  } catch {
    return json
  }
}

type ToolCallsProps = {
  calls: readonly ToolCall[]
  /** Present while the calls wait for results (the last reply). */
  onSubmit: ((results: { id: string; name: string; content: string }[]) => void) | null
}

/** The functions a reply asked to call; the user enters each result and continues. */
export function ToolCalls({ calls, onSubmit }: ToolCallsProps) {
  const [results, setResults] = useState<Record<string, string>>({})
  const handleSubmit = (event: FormEvent) => {
    event.preventDefault()
    onSubmit?.(calls.map((c) => ({ id: c.id, name: c.name, content: results[c.id] ?? '' })))
  }
  const isComplete = calls.every((c) => (results[c.id] ?? '').trim())
  return (
    <form onSubmit={handleSubmit} className="grid gap-3" aria-label="Tool calls">
      {calls.map((c) => (
        <div key={c.id} className="grid gap-2 rounded-md border bg-muted/40 p-3">
          <p className="flex items-center gap-1.5 text-sm font-medium">
            <Wrench aria-hidden className="size-3.5" />
            Call <code className="font-mono">{c.name}</code>
          </p>
          <pre className="overflow-x-auto rounded bg-background/70 p-2 font-mono text-xs">
            {pretty(c.arguments)}
          </pre>
          {onSubmit ? (
            <Field label={`Result of ${c.name}`}>
              <Textarea
                rows={2}
                value={results[c.id] ?? ''}
                onChange={(e) => setResults((r) => ({ ...r, [c.id]: e.target.value }))}
                placeholder='e.g. {"temperature": 21}'
                className="font-mono text-xs"
              />
            </Field>
          ) : null}
        </div>
      ))}
      {onSubmit ? (
        <Button type="submit" size="sm" className="justify-self-start" disabled={!isComplete}>
          Send results
        </Button>
      ) : null}
    </form>
  )
}
