import { useState } from 'react'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { Button } from '@/components/ui/button'
import type { ChatParams } from '../api/conversations'
import { EXAMPLE_SCHEMA, EXAMPLE_TOOLS, parseSchema, parseTools } from '../hooks/tools'

type ParamsPanelProps = {
  params: ChatParams
  onChange: (params: ChatParams) => void
  /** Agents answer through rooms, which take only the text. */
  isAgent: boolean
  maxOutputTokens: number | null
  /** Where requests go: the real cloud ignores tools and response_format. */
  upstream: { kind: 'sandbox' | 'cloud'; strict: boolean | null } | null
}

function toNumber(raw: string, integer: boolean): number | null {
  if (raw.trim() === '') return null
  const n = Number(raw)
  if (!Number.isFinite(n)) return null
  return integer ? Math.trunc(n) : n
}

/** System prompt, sampling and limits, sent with every completion request. */
export function ParamsPanel({
  params,
  onChange,
  isAgent,
  maxOutputTokens,
  upstream,
}: ParamsPanelProps) {
  const set = (patch: Partial<ChatParams>) => onChange({ ...params, ...patch })
  // The raw text keeps a trailing newline while the next sequence is typed.
  const [stopText, setStopText] = useState(() => params.stop.join('\n'))
  const tools = parseTools(params.tools ?? '')
  const schema = parseSchema(params.responseSchema ?? '')
  const isIgnored = upstream !== null && (upstream.kind === 'cloud' || upstream.strict === true)
  return (
    <fieldset disabled={isAgent} aria-label="Parameters" className="grid gap-4 disabled:opacity-60">
      {isAgent ? (
        <p className="text-xs text-muted-foreground">
          An agent answers in its own persona through a room, which takes only the message text;
          these parameters apply to models.
        </p>
      ) : null}
      <Field label="System prompt">
        <Textarea
          rows={4}
          value={params.system}
          onChange={(e) => set({ system: e.target.value })}
          placeholder="You are a helpful assistant."
        />
      </Field>
      <div className="grid grid-cols-2 items-start gap-3">
        <Field label="Temperature" description="0–2; empty uses the model's default.">
          <Input
            type="number"
            inputMode="decimal"
            min={0}
            max={2}
            step={0.1}
            value={params.temperature ?? ''}
            onChange={(e) => set({ temperature: toNumber(e.target.value, false) })}
          />
        </Field>
        <Field label="Top P" description="0–1.">
          <Input
            type="number"
            inputMode="decimal"
            min={0}
            max={1}
            step={0.05}
            value={params.topP ?? ''}
            onChange={(e) => set({ topP: toNumber(e.target.value, false) })}
          />
        </Field>
        <Field
          label="Max tokens"
          description={
            maxOutputTokens ? `Up to ${maxOutputTokens.toLocaleString('en-US')}.` : 'Reply limit.'
          }
        >
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            max={maxOutputTokens ?? undefined}
            step={1}
            value={params.maxTokens ?? ''}
            onChange={(e) => set({ maxTokens: toNumber(e.target.value, true) })}
          />
        </Field>
        <Field label="Seed" description="Same seed, same reply (sandbox).">
          <Input
            type="number"
            inputMode="numeric"
            step={1}
            value={params.seed ?? ''}
            onChange={(e) => set({ seed: toNumber(e.target.value, true) })}
          />
        </Field>
      </div>
      <Field label="Stop sequences" description="One per line; the reply ends before any of them.">
        <Textarea
          rows={2}
          value={stopText}
          onChange={(e) => {
            setStopText(e.target.value)
            set({ stop: e.target.value.split('\n').filter((line) => line !== '') })
          }}
        />
      </Field>
      <div className="grid gap-3 border-t pt-4">
        <h3 className="text-sm font-semibold">Tools and structured output</h3>
        <p
          className={
            isIgnored
              ? 'rounded-md bg-warning-soft p-2 text-xs text-warning'
              : 'text-xs text-muted-foreground'
          }
        >
          The elizaOS Cloud ignores <code className="font-mono">tools</code> and{' '}
          <code className="font-mono">response_format</code> on chat completions: it never returns
          tool calls and does not enforce a schema.{' '}
          {isIgnored
            ? 'The current upstream ignores them too, so these settings have no effect here.'
            : 'The sandbox honours them as an extension, so you can try the round trip here.'}
        </p>
        <Field
          label="Tools (JSON)"
          description={
            tools.ok
              ? `${tools.value.length} tool${tools.value.length === 1 ? '' : 's'}; an array of OpenAI function tools.`
              : undefined
          }
          error={tools.ok ? undefined : tools.error}
        >
          <Textarea
            rows={6}
            spellCheck={false}
            value={params.tools ?? ''}
            onChange={(e) => set({ tools: e.target.value })}
            className="font-mono text-xs"
          />
        </Field>
        {!params.tools ? (
          <Button
            type="button"
            variant="link"
            size="sm"
            className="justify-self-start"
            onClick={() => set({ tools: EXAMPLE_TOOLS })}
          >
            Insert an example tool
          </Button>
        ) : null}
        <Field
          label="Response JSON schema"
          description={
            schema.ok
              ? schema.value
                ? 'Replies are asked to follow it and checked against it.'
                : 'Empty: plain text replies.'
              : undefined
          }
          error={schema.ok ? undefined : schema.error}
        >
          <Textarea
            rows={6}
            spellCheck={false}
            value={params.responseSchema ?? ''}
            onChange={(e) => set({ responseSchema: e.target.value })}
            className="font-mono text-xs"
          />
        </Field>
        {!params.responseSchema ? (
          <Button
            type="button"
            variant="link"
            size="sm"
            className="justify-self-start"
            onClick={() => set({ responseSchema: EXAMPLE_SCHEMA })}
          >
            Insert an example schema
          </Button>
        ) : null}
      </div>
    </fieldset>
  )
}
