import { useState } from 'react'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { Button } from '@/components/ui/button'
import { NativeSelect } from '@/components/ui/native-select'
import type { ChatParams, ToolChoice } from '../storage/conversations'
import {
  EXAMPLE_SCHEMA,
  EXAMPLE_TOOLS,
  MAX_STOP_SEQUENCES,
  parseSchema,
  samplingErrors,
  parseToolChoice,
  parseTools,
} from '../lib/tools'

type ParamsPanelProps = {
  params: ChatParams
  onChange: (params: ChatParams) => void
  /** Agents answer through rooms, which take only the text. */
  isAgent: boolean
  maxOutputTokens: number | null
  /** Where requests go: the real cloud ignores tools and response_format. */
  upstream: { kind: 'sandbox' | 'cloud'; strict: boolean | null } | null
}

const FUNCTION_PREFIX = 'function:'

function choiceValue(choice: ToolChoice | undefined): string {
  if (choice === undefined) return 'auto'
  return typeof choice === 'string' ? choice : FUNCTION_PREFIX + choice.name
}

function choiceFrom(value: string): ToolChoice {
  if (value.startsWith(FUNCTION_PREFIX)) return { name: value.slice(FUNCTION_PREFIX.length) }
  return value === 'none' || value === 'required' ? value : 'auto'
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
  const toolChoice = parseToolChoice(params.toolChoice, tools)
  const toolNames = tools.ok ? [...new Set(tools.value.map((t) => t.function.name))] : []
  const chosenName = typeof params.toolChoice === 'object' ? params.toolChoice.name : null
  const schema = parseSchema(params.responseSchema ?? '')
  const isIgnored = upstream !== null && (upstream.kind === 'cloud' || upstream.strict === true)
  const sampling = samplingErrors(params, maxOutputTokens)
  // Side by side, a field's help and its error share one line box two lines tall: an error
  // replaces the help instead of pushing the row (and the fields under it) down.
  const pairHint = (hint: string, error: string | undefined) => ({
    description: error ? undefined : hint,
    error,
    className: '[&>p]:min-h-8',
  })
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
        <Field
          label="Temperature"
          {...pairHint("0–2; empty uses the model's default.", sampling.temperature)}
        >
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
        <Field label="Top P" {...pairHint('0–1; empty uses the default.', sampling.topP)}>
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
          {...pairHint(
            maxOutputTokens
              ? `Reply limit, up to ${maxOutputTokens.toLocaleString('en-US')}.`
              : 'Reply limit.',
            sampling.maxTokens,
          )}
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
        <Field label="Seed" {...pairHint('Same seed, same reply (sandbox).', undefined)}>
          <Input
            type="number"
            inputMode="numeric"
            step={1}
            value={params.seed ?? ''}
            onChange={(e) => set({ seed: toNumber(e.target.value, true) })}
          />
        </Field>
      </div>
      <Field
        label="Stop sequences"
        description={`One per line, up to ${MAX_STOP_SEQUENCES}; the reply ends before any of them.`}
        error={sampling.stop}
      >
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
          The elizaOS Cloud ignores <code className="font-mono">tools</code>,{' '}
          <code className="font-mono">tool_choice</code> and{' '}
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
          label="Tool choice"
          description={
            toolNames.length === 0
              ? 'Define a tool above to choose how the model uses it.'
              : toolChoice.ok
                ? 'Sent as tool_choice (auto is the default and is not sent). Required and a named function force a call on every turn, also after tool results.'
                : undefined
          }
          error={toolChoice.ok ? undefined : toolChoice.error}
        >
          <NativeSelect
            value={choiceValue(params.toolChoice)}
            disabled={toolNames.length === 0}
            onChange={(e) => set({ toolChoice: choiceFrom(e.target.value) })}
            className="w-full"
          >
            <option value="auto">auto: the model decides</option>
            <option value="none">none: never call a tool</option>
            <option value="required">required: call a tool</option>
            <optgroup label="Call this function">
              {toolNames.map((name) => (
                <option key={name} value={FUNCTION_PREFIX + name}>
                  {name}
                </option>
              ))}
              {chosenName !== null && !toolNames.includes(chosenName) ? (
                <option value={FUNCTION_PREFIX + chosenName}>{chosenName} (not defined)</option>
              ) : null}
            </optgroup>
          </NativeSelect>
        </Field>
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
