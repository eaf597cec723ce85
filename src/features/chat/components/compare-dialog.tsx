import { useQueryClient } from '@tanstack/react-query'
import { Columns3 } from 'lucide-react'
import { useState } from 'react'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { NativeSelect } from '@/components/ui/native-select'
import { Textarea } from '@/components/ui/textarea'
import { billingKeys } from '@/features/billing/api/keys'
import { cn } from '@/lib/cn'
import type { Conversation } from '../api/conversations'
import type { ChatModel } from '../api/schemas'
import { ChatSession, defaultDeps } from '../hooks/chat-session'
import { useSessionSelector } from '../hooks/use-chat-session'
import { wordDiff } from '../hooks/word-diff'
import { Markdown } from './markdown'
import { ReplyStats } from './reply-stats'
import { ToolbarButton } from './toolbar-button'

type Column = { modelId: string; session: ChatSession }

function DiffText({ base, text }: { base: string; text: string }) {
  return (
    <p className="text-sm leading-relaxed whitespace-pre-wrap">
      {wordDiff(base, text).map((part, i) =>
        part.kind === 'same' ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === 'added' ? (
          <ins key={i} className="rounded-sm bg-success-soft text-success no-underline">
            {part.text}
          </ins>
        ) : (
          <del key={i} className="rounded-sm bg-destructive-soft text-destructive">
            {part.text}
          </del>
        ),
      )}
    </p>
  )
}

function lastReply(c: Conversation) {
  const last = c.messages[c.messages.length - 1]
  return last?.role === 'assistant' ? last : undefined
}

function CompareColumn({
  column,
  baseSession,
  isDiff,
  onContinue,
}: {
  column: Column
  /** The first column's session, which the word diff compares against. */
  baseSession: ChatSession | null
  isDiff: boolean
  onContinue: () => void
}) {
  const streaming = useSessionSelector(column.session, (s) => s.streaming)
  const conversation = useSessionSelector(column.session, (s) => s.conversation)
  const status = useSessionSelector(column.session, (s) => s.status)
  const error = useSessionSelector(column.session, (s) => s.error)
  const reply = lastReply(conversation)
  const baseConversation = useSessionSelector(baseSession ?? column.session, (s) => s.conversation)
  const base = baseSession ? (lastReply(baseConversation)?.content ?? null) : null
  const text = streaming?.text ?? reply?.content ?? ''
  return (
    <section
      aria-label={`Reply of ${column.modelId}`}
      className="flex min-w-0 flex-col gap-2 rounded-lg border bg-card p-3"
    >
      <h3 className="truncate text-sm font-semibold">{column.modelId}</h3>
      <div className="min-h-24 flex-1 overflow-y-auto">
        {isDiff && base !== null && reply && !streaming ? (
          <DiffText base={base} text={reply.content} />
        ) : text ? (
          <Markdown text={text} />
        ) : status === 'streaming' ? (
          <p className="text-sm text-muted-foreground">Waiting for the first token…</p>
        ) : null}
      </div>
      {error ? <ErrorState error={error} /> : null}
      {reply?.stats && !streaming ? <ReplyStats stats={reply.stats} /> : null}
      <Button
        size="sm"
        variant="outline"
        disabled={status === 'streaming' || !reply}
        onClick={onContinue}
      >
        Continue with this one
      </Button>
    </section>
  )
}

type CompareDialogProps = {
  conversation: Conversation
  models: readonly ChatModel[]
  prompt: string
  onContinue: (next: Pick<Conversation, 'target' | 'messages'>) => void
}

/** The same prompt to two or three models side by side, streaming in parallel. */
export function CompareDialog({ conversation, models, prompt, onContinue }: CompareDialogProps) {
  const queryClient = useQueryClient()
  const [isOpen, setIsOpen] = useState(false)
  const [text, setText] = useState(prompt)
  const [picked, setPicked] = useState<string[]>([])
  const [columns, setColumns] = useState<Column[]>([])
  const [isDiff, setIsDiff] = useState(false)

  const defaults = () => {
    const current = conversation.target.kind === 'model' ? conversation.target.modelId : null
    const ids = models.map((m) => m.id)
    const first = current && ids.includes(current) ? current : (ids[0] ?? '')
    return [first, ids.find((id) => id !== first) ?? '', '']
  }
  const handleOpenChange = (open: boolean) => {
    if (open) {
      setText(prompt)
      setPicked(defaults())
      setIsDiff(false)
    } else for (const c of columns) c.session.stop()
    setIsOpen(open)
  }
  const handleRun = () => {
    for (const c of columns) c.session.dispose()
    const chosen = [...new Set(picked.filter(Boolean))]
    const next = chosen.map((modelId) => {
      const session = new ChatSession(
        { ...conversation, id: `compare-${modelId}`, target: { kind: 'model', modelId } },
        {
          modelFor: (id) => models.find((m) => m.id === id),
          onSettled: () => void queryClient.invalidateQueries({ queryKey: billingKeys.balance() }),
        },
        // Compare runs are not saved; the chosen one becomes the conversation.
        { ...defaultDeps, save: async () => undefined },
      )
      void session.send(text)
      return { modelId, session }
    })
    setColumns(next)
    setIsDiff(false)
  }
  const chosenCount = new Set(picked.filter(Boolean)).size

  return (
    <Dialog open={isOpen} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <ToolbarButton icon={Columns3} label="Compare" />
      </DialogTrigger>
      <DialogContent className="max-w-6xl">
        <DialogHeader>
          <DialogTitle>Compare</DialogTitle>
          <DialogDescription>
            Send the same message, after this conversation’s history and parameters, to two or three
            models at once. Each reply is billed.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-3 sm:grid-cols-3">
          {['Model A', 'Model B', 'Model C (optional)'].map((label, i) => (
            <Field key={label} label={label}>
              <NativeSelect
                value={picked[i] ?? ''}
                onChange={(e) => setPicked((p) => p.map((v, j) => (j === i ? e.target.value : v)))}
                className="w-full"
              >
                {i === 2 ? <option value="">None</option> : null}
                {models.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          ))}
        </div>
        <Field label="Compare message">
          <Textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={handleRun} disabled={!text.trim() || chosenCount < 2}>
            Run comparison
          </Button>
          {columns.length > 1 ? (
            <label className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={isDiff}
                onChange={(e) => setIsDiff(e.target.checked)}
                className="size-4 accent-primary"
              />
              Show word differences from {columns[0]?.modelId}
            </label>
          ) : null}
        </div>
        {columns.length > 0 ? (
          <div
            className={cn(
              'grid max-h-[50vh] gap-3 overflow-y-auto',
              columns.length === 3 ? 'lg:grid-cols-3' : 'md:grid-cols-2',
            )}
          >
            {columns.map((c, i) => (
              <CompareColumn
                key={c.modelId}
                column={c}
                baseSession={i === 0 ? null : (columns[0]?.session ?? null)}
                isDiff={isDiff}
                onContinue={() => {
                  const state = c.session.getState().conversation
                  onContinue({ target: state.target, messages: state.messages })
                  setIsOpen(false)
                }}
              />
            ))}
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  )
}
