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
import { targetLabel, type ChatTarget, type Conversation } from '../storage/conversations'
import type { ChatModel } from '../api/schemas'
import { ChatSession, defaultDeps } from '../session/chat-session'
import { useSessionSelector } from '../hooks/use-chat-session'
import { wordDiff } from '../lib/word-diff'
import { Markdown } from './markdown'
import { ReplyStats } from './reply-stats'
import { ToolbarButton } from '@/components/toolbar-button'
import { TargetOptions, targetFromValue, targetValue, type AgentOption } from './target-picker'

type Column = { value: string; target: ChatTarget; session: ChatSession }

/** What "continue with this one" hands to the playground (an agent's room included). */
export type CompareChoice = Pick<Conversation, 'target' | 'messages' | 'room'>

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
  const label = targetLabel(column.target)
  return (
    <section
      aria-label={`Reply of ${label}`}
      className="flex min-w-0 flex-col gap-2 rounded-lg border bg-card p-3"
    >
      <h3 className="truncate text-sm font-semibold">
        {label}
        {column.target.kind === 'agent' ? (
          <span className="font-normal text-muted-foreground"> · agent, in persona</span>
        ) : null}
      </h3>
      <div className="min-h-24 flex-1 overflow-y-auto">
        {isDiff && base !== null && reply && !streaming ? (
          <DiffText base={base} text={reply.content} />
        ) : text ? (
          <Markdown text={text} isStreaming={status === 'streaming'} />
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
  agents: readonly AgentOption[]
  prompt: string
  onContinue: (next: CompareChoice) => void
}

/**
 * The same prompt to two or three targets (catalog models or my agents) side by side, streaming
 * in parallel. Each column is a ChatSession, so an agent answers through a room exactly as in the
 * playground.
 */
export function CompareDialog({
  conversation,
  models,
  agents,
  prompt,
  onContinue,
}: CompareDialogProps) {
  const queryClient = useQueryClient()
  const [isOpen, setIsOpen] = useState(false)
  const [text, setText] = useState(prompt)
  const [picked, setPicked] = useState<string[]>([])
  const [columns, setColumns] = useState<Column[]>([])
  const [isDiff, setIsDiff] = useState(false)

  const defaults = () => {
    const current = targetValue(conversation.target)
    const values = [
      ...models.map((m) => targetValue({ kind: 'model', modelId: m.id })),
      ...agents.map((a) => targetValue({ kind: 'agent', agentId: a.id, agentName: a.name })),
    ]
    const first = values.includes(current) ? current : (values[0] ?? '')
    return [first, values.find((v) => v !== first) ?? '', '']
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
    const next = chosen.map((value) => {
      const target = targetFromValue(value, agents)
      const session = new ChatSession(
        {
          ...conversation,
          id: `compare-${value}`,
          target,
          // An agent answers in a room of its own: a reply not chosen leaves no trace in the
          // conversation's room.
          room: target.kind === 'agent' ? null : conversation.room,
        },
        {
          modelFor: (id) => models.find((m) => m.id === id),
          onSettled: () => void queryClient.invalidateQueries({ queryKey: billingKeys.balance() }),
        },
        // Compare runs are not saved; the chosen one becomes the conversation.
        {
          ...defaultDeps,
          save: async () => undefined,
          remove: async () => undefined,
          onLeave: () => () => undefined,
        },
      )
      void session.send(text)
      return { value, target, session }
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
            models or agents at once. An agent answers in persona in a new room, so it sees only
            this message. Each reply is billed.
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-3 sm:grid-cols-3">
          {['Target A', 'Target B', 'Target C (optional)'].map((label, i) => (
            <Field key={label} label={label}>
              <NativeSelect
                value={picked[i] ?? ''}
                onChange={(e) => setPicked((p) => p.map((v, j) => (j === i ? e.target.value : v)))}
                className="w-full"
              >
                {i === 2 ? <option value="">None</option> : null}
                <TargetOptions models={models} agents={agents} hasFacts={false} />
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
              Show word differences from {columns[0] ? targetLabel(columns[0].target) : ''}
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
                key={c.value}
                column={c}
                baseSession={i === 0 ? null : (columns[0]?.session ?? null)}
                isDiff={isDiff}
                onContinue={() => {
                  const state = c.session.getState().conversation
                  onContinue({ target: state.target, messages: state.messages, room: state.room })
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
