import { Send } from 'lucide-react'
import { useId, useMemo, useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { Switch } from '@/components/ui/switch'
import { Textarea } from '@/components/ui/textarea'
import { useDraft } from '@/lib/use-draft'
import {
  buildMessageSend,
  emptyValues,
  type FormProblems,
  type SkillFormValues,
} from '../api/message'
import type { RpcRequest } from '../api/schemas'
import { isKnownSkill, skillSpec, type SkillField } from '../api/skill-catalog'
import { RpcExchangePanel } from './rpc-exchange-panel'

const draftKey = (skill: string) => `eliza-console:a2a-draft:${skill}`

function readValues(skill: string, stored: string): SkillFormValues {
  const empty = emptyValues(skillSpec(skill))
  if (!stored) return empty
  try {
    const parsed = JSON.parse(stored) as Partial<SkillFormValues>
    return {
      text: typeof parsed.text === 'string' ? parsed.text : '',
      taskId: typeof parsed.taskId === 'string' ? parsed.taskId : '',
      argsJson: typeof parsed.argsJson === 'string' ? parsed.argsJson : '',
      args: { ...empty.args, ...(parsed.args ?? {}) },
    }
  } catch {
    return empty
  }
}

type SkillFormProps = {
  skillId: string
  /** What GET /api/a2a says of the skill. */
  cloudDescription?: string
  isPending: boolean
  keyVariable: string | null
  onSend: (request: RpcRequest) => void
}

/**
 * The form of one skill: its fields from the catalog, each labelled and explained, checked before
 * anything is sent. What is typed is kept per skill as a draft (a reload loses nothing).
 */
export function SkillForm(props: SkillFormProps) {
  // A new skill is a new form (its own draft and problems).
  return <SkillFormInner key={props.skillId} {...props} />
}

function SkillFormInner({
  skillId,
  cloudDescription,
  isPending,
  keyVariable,
  onSend,
}: SkillFormProps) {
  const spec = skillSpec(skillId)
  const draft = useDraft(draftKey(skillId))
  const values = useMemo(() => readValues(skillId, draft.value), [skillId, draft.value])
  const [problems, setProblems] = useState<FormProblems>({})
  const formId = useId()
  const preview = useMemo(() => buildMessageSend(skillId, values, 0).request, [skillId, values])

  const update = (next: Partial<SkillFormValues>) => {
    const merged = { ...values, ...next, args: { ...values.args, ...(next.args ?? {}) } }
    draft.change(JSON.stringify(merged))
    if (Object.keys(problems).length) setProblems({})
  }

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const built = buildMessageSend(skillId, values)
    setProblems(built.problems)
    const first = Object.keys(built.problems)[0]
    if (first) {
      const el = event.currentTarget.querySelector<HTMLElement>(`[data-field="${first}"]`)
      el?.focus()
      return
    }
    draft.flush()
    onSend(built.request)
  }

  const fieldControl = (f: SkillField) => {
    const raw = values.args[f.name]
    const common = { 'data-field': f.name, name: f.name }
    switch (f.kind) {
      case 'boolean':
        return (
          <Switch
            {...common}
            checked={raw === true}
            onCheckedChange={(checked) => update({ args: { [f.name]: checked } })}
          />
        )
      case 'select':
        return (
          <NativeSelect
            {...common}
            value={typeof raw === 'string' ? raw : f.defaultValue}
            onChange={(e) => update({ args: { [f.name]: e.target.value } })}
          >
            {f.options.map((o) => (
              <option key={o} value={o}>
                {o === '' ? '(not sent)' : o}
              </option>
            ))}
          </NativeSelect>
        )
      case 'textarea':
        return (
          <Textarea
            {...common}
            rows={3}
            value={typeof raw === 'string' ? raw : ''}
            placeholder={fieldHint(f.defaultValue, f.placeholder)}
            aria-required={f.required || undefined}
            onChange={(e) => update({ args: { [f.name]: e.target.value } })}
          />
        )
      case 'number':
        return (
          <Input
            {...common}
            type="number"
            inputMode={f.integer ? 'numeric' : 'decimal'}
            min={f.min}
            max={f.max}
            step={f.step ?? (f.integer ? 1 : 'any')}
            value={typeof raw === 'string' ? raw : ''}
            placeholder={fieldHint(f.defaultValue)}
            aria-required={f.required || undefined}
            onChange={(e) => update({ args: { [f.name]: e.target.value } })}
          />
        )
      default:
        return (
          <Input
            {...common}
            value={typeof raw === 'string' ? raw : ''}
            placeholder={
              f.kind === 'list'
                ? fieldHint(undefined, f.placeholder)
                : fieldHint(f.defaultValue, f.placeholder)
            }
            aria-required={('required' in f && f.required) || undefined}
            onChange={(e) => update({ args: { [f.name]: e.target.value } })}
          />
        )
    }
  }

  const withDefault = (f: SkillField) =>
    'defaultValue' in f && f.defaultValue !== undefined && f.defaultValue !== ''
      ? ` Default: ${String(f.defaultValue)}.`
      : ''

  return (
    <form
      id={formId}
      aria-label={`${spec.title} form`}
      noValidate
      onSubmit={handleSubmit}
      className="grid gap-4"
    >
      <div className="grid gap-1">
        <p className="text-sm">{spec.summary}</p>
        {cloudDescription ? (
          <p className="text-xs text-muted-foreground">
            The cloud describes it as: “{cloudDescription}”
          </p>
        ) : null}
        {spec.isHostedTool ? (
          <p className="text-xs text-muted-foreground">
            Needs the cloud’s hosted web tools: the sandbox checks the arguments, then answers with
            an honest error instead of a made-up result.
          </p>
        ) : null}
      </div>

      {spec.text ? (
        <Field label={spec.text.label} description={spec.text.help} error={problems.text}>
          <Textarea
            data-field="text"
            rows={4}
            value={values.text}
            aria-required={spec.text.required || undefined}
            onChange={(e) => update({ text: e.target.value })}
          />
        </Field>
      ) : null}

      {spec.fields.length ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {spec.fields.map((f) => (
            <Field
              key={f.name}
              label={
                <>
                  {f.label}{' '}
                  <span className="font-mono text-xs font-normal text-muted-foreground">
                    {f.name}
                    {'required' in f && f.required ? ' · required' : ''}
                  </span>
                </>
              }
              description={`${f.help}${withDefault(f)}`}
              error={problems[f.name]}
              className={f.kind === 'textarea' ? 'sm:col-span-2' : undefined}
            >
              {fieldControl(f)}
            </Field>
          ))}
        </div>
      ) : spec.text ? null : (
        <p className="text-sm text-muted-foreground">This skill needs no arguments.</p>
      )}

      {!isKnownSkill(skillId) ? (
        <Field
          label="Arguments (JSON)"
          description="Merged into the data part beside the skill name."
          error={problems.argsJson}
        >
          <Textarea
            data-field="argsJson"
            rows={3}
            className="font-mono"
            value={values.argsJson}
            placeholder='e.g. {"limit": 5}'
            onChange={(e) => update({ argsJson: e.target.value })}
          />
        </Field>
      ) : null}

      <Field
        label="Task id (optional)"
        description="Sent as params.metadata.taskId; the cloud makes one up when empty."
        error={problems.taskId}
      >
        <Input
          data-field="taskId"
          value={values.taskId}
          onChange={(e) => update({ taskId: e.target.value })}
          autoComplete="off"
        />
      </Field>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" pending={isPending}>
          <Send aria-hidden />
          Send
        </Button>
        {spec.isBilled ? (
          <p className="text-xs text-muted-foreground">This skill spends credits.</p>
        ) : null}
      </div>

      <details className="rounded-md border">
        <summary className="cursor-pointer px-3 py-2 text-sm font-medium focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none">
          The request Send makes
        </summary>
        <div className="border-t p-3">
          <RpcExchangePanel request={preview} keyVariable={keyVariable} />
        </div>
      </details>
    </form>
  )
}

/**
 * A field's placeholder: the default that an empty field sends, or an example, each said as such
 * so that an empty box never reads as filled in.
 */
function fieldHint(defaultValue: string | number | undefined, example?: string): string {
  if (defaultValue !== undefined && defaultValue !== '') return `Default: ${defaultValue}`
  return example ? `e.g. ${example}` : ''
}
