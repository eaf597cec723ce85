import { FileText, Plus, Rows3, Trash2 } from 'lucide-react'
import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { cn } from '@/lib/cn'
import type { DeployFormValues } from '../api/deploy-form'
import { ENV_LIMITS, isBlankRow, looksLikeDotenv, parseDotenv } from '../lib/env'

export type EnvMode = 'rows' | 'raw'

type EnvEditorProps = {
  form: UseFormReturn<DeployFormValues>
  mode: EnvMode
  onModeChange: (mode: EnvMode) => void
  rawText: string
  onRawTextChange: (text: string) => void
  /** Lines of the `.env` text that could not be read (shown in raw mode). */
  rawErrors: string[]
}

/**
 * Environment variables as name/value rows, checked like the cloud checks them (at most 50, names
 * `^[A-Za-z_][A-Za-z0-9_]*$`, values up to 32 KB, no name twice), or as `.env` text. Pasting
 * `.env` content into a name field fills the rows.
 */
export function EnvEditor({
  form,
  mode,
  onModeChange,
  rawText,
  onRawTextChange,
  rawErrors,
}: EnvEditorProps) {
  const { control, register, formState } = form
  const rows = useFieldArray({ control, name: 'env' })
  const values = useWatch({ control, name: 'env' })
  const filled = values.filter((v) => !isBlankRow(v)).length
  const errors = formState.errors.env
  const listError = errors?.message ?? errors?.root?.message

  const handlePaste = (index: number, event: React.ClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData.getData('text')
    if (!text.includes('=') || !looksLikeDotenv(text)) return
    const { vars, errors: problems } = parseDotenv(text)
    if (vars.length === 0 || problems.length > 0) return
    event.preventDefault()
    const current = values[index]
    if (current && isBlankRow(current)) rows.remove(index)
    rows.append(vars)
  }

  return (
    <fieldset className="grid gap-3">
      <legend className="sr-only">Environment variables</legend>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-muted-foreground" aria-live="polite">
          {filled} of {ENV_LIMITS.count} variables · names like <code>API_URL</code> · values up to
          32 KB
        </p>
        <div
          role="group"
          aria-label="Editor"
          className="flex rounded-md border border-border bg-card p-0.5"
        >
          <Button
            size="sm"
            variant="ghost"
            aria-pressed={mode === 'rows'}
            className={cn('h-7', mode === 'rows' && 'bg-accent text-accent-foreground')}
            onClick={() => onModeChange('rows')}
          >
            <Rows3 aria-hidden />
            Rows
          </Button>
          <Button
            size="sm"
            variant="ghost"
            aria-pressed={mode === 'raw'}
            className={cn('h-7', mode === 'raw' && 'bg-accent text-accent-foreground')}
            onClick={() => onModeChange('raw')}
          >
            <FileText aria-hidden />
            .env
          </Button>
        </div>
      </div>

      {mode === 'raw' ? (
        <div className="grid gap-1.5">
          <label htmlFor="env-raw" className="text-sm font-medium">
            .env text
          </label>
          <Textarea
            id="env-raw"
            rows={8}
            value={rawText}
            onChange={(e) => onRawTextChange(e.target.value)}
            spellCheck={false}
            autoComplete="off"
            className="font-mono text-xs"
            placeholder={
              'NODE_ENV=production\n# comments and export are fine\nAPI_URL="https://example.com"'
            }
            aria-invalid={rawErrors.length > 0 || undefined}
            aria-describedby={rawErrors.length > 0 ? 'env-raw-errors' : 'env-raw-help'}
          />
          {rawErrors.length > 0 ? (
            <ul id="env-raw-errors" className="grid gap-0.5 text-xs font-medium text-destructive">
              {rawErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : (
            <p id="env-raw-help" className="text-xs text-muted-foreground">
              One NAME=value per line. Switch to Rows to check each variable.
            </p>
          )}
        </div>
      ) : (
        <div className="grid gap-2">
          {rows.fields.map((field, i) => {
            const keyError = errors?.[i]?.key?.message
            const valueError = errors?.[i]?.value?.message
            return (
              <div key={field.id} className="grid gap-1">
                <div className="flex items-start gap-2">
                  <Input
                    {...register(`env.${i}.key`)}
                    aria-label={`Name of variable ${i + 1}`}
                    aria-invalid={keyError ? true : undefined}
                    aria-describedby={keyError ? `env-${field.id}-key-error` : undefined}
                    placeholder="e.g. API_URL"
                    spellCheck={false}
                    autoComplete="off"
                    className="w-2/5 font-mono text-xs"
                    onPaste={(e) => handlePaste(i, e)}
                  />
                  <Input
                    {...register(`env.${i}.value`)}
                    aria-label={`Value of variable ${i + 1}`}
                    aria-invalid={valueError ? true : undefined}
                    aria-describedby={valueError ? `env-${field.id}-value-error` : undefined}
                    placeholder="e.g. https://api.example.com"
                    spellCheck={false}
                    autoComplete="off"
                    className="flex-1 font-mono text-xs"
                  />
                  <Button
                    size="icon-sm"
                    variant="ghost"
                    label={`Remove variable ${i + 1}`}
                    onClick={() =>
                      rows.fields.length === 1
                        ? rows.update(0, { key: '', value: '' })
                        : rows.remove(i)
                    }
                  >
                    <Trash2 aria-hidden />
                  </Button>
                </div>
                {keyError ? (
                  <p
                    id={`env-${field.id}-key-error`}
                    className="text-xs font-medium text-destructive"
                  >
                    {values[i]?.key ? `${values[i].key}: ` : ''}
                    {keyError}
                  </p>
                ) : null}
                {valueError ? (
                  <p
                    id={`env-${field.id}-value-error`}
                    className="text-xs font-medium text-destructive"
                  >
                    {valueError}
                  </p>
                ) : null}
              </div>
            )
          })}
          <Button
            variant="outline"
            size="sm"
            className="justify-self-start"
            disabled={rows.fields.length >= ENV_LIMITS.count}
            onClick={() => rows.append({ key: '', value: '' })}
          >
            <Plus aria-hidden />
            Add variable
          </Button>
        </div>
      )}
      {listError ? (
        <p role="alert" className="text-xs font-medium text-destructive">
          {listError}
        </p>
      ) : null}
    </fieldset>
  )
}
