import { Ban, RefreshCw } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'

type TaskToolsProps = {
  /** The open task (from the URL); the box starts with it and follows it. */
  taskId: string
  isPending: boolean
  onGet: (taskId: string, historyLength?: number) => void
  onCancel: (taskId: string) => void
}

/** tasks/get and tasks/cancel on a task id (docs/a2a.md §Methods). */
export function TaskTools(props: TaskToolsProps) {
  return <TaskToolsInner key={props.taskId} {...props} />
}

function TaskToolsInner({ taskId, isPending, onGet, onCancel }: TaskToolsProps) {
  const [id, setId] = useState(taskId)
  const [historyLength, setHistoryLength] = useState('')
  const [problem, setProblem] = useState<{ field: 'id' | 'historyLength'; text: string } | null>(
    null,
  )

  const check = (): string | null => {
    const trimmed = id.trim()
    if (!trimmed) {
      setProblem({ field: 'id', text: 'Enter a task id.' })
      return null
    }
    return trimmed
  }

  const handleGet = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const trimmed = check()
    if (!trimmed) return
    let length: number | undefined
    if (historyLength.trim()) {
      length = Number(historyLength)
      if (!Number.isInteger(length) || length < 1 || length > 1000) {
        setProblem({ field: 'historyLength', text: 'History length: a whole number, 1 to 1,000.' })
        return
      }
    }
    setProblem(null)
    onGet(trimmed, length)
  }

  const handleCancel = () => {
    const trimmed = check()
    if (!trimmed) return
    setProblem(null)
    onCancel(trimmed)
  }

  return (
    <form aria-label="Task lookup" noValidate onSubmit={handleGet} className="grid gap-3">
      <Field
        label="Task id"
        description="A task of this organization; the cloud keeps tasks for one hour."
        error={problem?.field === 'id' ? problem.text : undefined}
      >
        <Input
          value={id}
          autoComplete="off"
          onChange={(e) => {
            setId(e.target.value)
            setProblem(null)
          }}
        />
      </Field>
      <Field
        label="History length"
        description="Only the last N messages of the history. Empty: all of them."
        error={problem?.field === 'historyLength' ? problem.text : undefined}
      >
        <Input
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          value={historyLength}
          onChange={(e) => {
            setHistoryLength(e.target.value)
            setProblem(null)
          }}
        />
      </Field>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="outline" size="sm" pending={isPending}>
          <RefreshCw aria-hidden />
          Get task
        </Button>
        <Button
          type="button"
          variant="outline"
          size="sm"
          disabled={isPending}
          onClick={handleCancel}
        >
          <Ban aria-hidden />
          Cancel task
        </Button>
      </div>
      <p className="text-xs text-muted-foreground">
        The cloud cancels only a task that is not finished yet; a completed one answers with an
        error, shown as it comes.
      </p>
    </form>
  )
}
