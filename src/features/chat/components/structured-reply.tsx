import { CircleCheck, CircleX } from 'lucide-react'
import { useMemo } from 'react'
import { validateJson, type SchemaProblem } from '../lib/json-schema'

type Check = { state: 'valid' } | { state: 'invalid'; errors: SchemaProblem[] }

function check(schemaText: string, text: string): Check {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return {
      state: 'invalid',
      errors: [{ path: '', keyword: 'json', message: 'The reply is not valid JSON.' }],
    }
  }
  let schema: unknown
  try {
    schema = JSON.parse(schemaText)
  } catch {
    return {
      state: 'invalid',
      errors: [{ path: '', keyword: 'json', message: 'The schema is not valid JSON.' }],
    }
  }
  const errors = validateJson(schema, value)
  return errors.length === 0 ? { state: 'valid' } : { state: 'invalid', errors }
}

function pretty(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

/** A reply that was asked to follow a JSON schema: formatted, with the validation result. */
export function StructuredReply({ schema, text }: { schema: string; text: string }) {
  const result = useMemo(() => check(schema, text), [schema, text])
  return (
    <div className="grid gap-2">
      <pre className="overflow-x-auto rounded-md border bg-muted/60 p-3 font-mono text-xs leading-relaxed">
        {pretty(text)}
      </pre>
      {result.state === 'valid' ? (
        <p className="flex items-center gap-1.5 text-xs font-medium text-success">
          <CircleCheck aria-hidden className="size-3.5" />
          Valid against the schema
        </p>
      ) : (
        <div className="text-xs text-destructive">
          <p className="flex items-center gap-1.5 font-medium">
            <CircleX aria-hidden className="size-3.5" />
            Does not match the schema
          </p>
          <ul aria-label="Schema problems" className="mt-1 grid list-disc gap-0.5 pl-5">
            {result.errors.map((e, i) => (
              <li key={i}>
                <code className="font-mono">{e.path || '(root)'}</code> {e.message}{' '}
                <span className="text-muted-foreground">({e.keyword})</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  )
}
