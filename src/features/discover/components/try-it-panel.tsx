import { Send, Trash2 } from 'lucide-react'
import { memo, useId, useState, type FormEvent, type KeyboardEvent } from 'react'
import { BalanceNote } from '@/components/balance-note'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { Textarea } from '@/components/ui/textarea'
import { balanceQuery } from '@/features/billing/api/queries'
import { isApiError } from '@/lib/api-error'
import { formatUsd } from '@/lib/format'
import { useDraft } from '@/lib/use-draft'
import { useAgentChat } from '../api/mutations'
import { TRY_IT_MAX_CHARS, type AgentChatResult, type ChatTurn } from '../api/schemas'

type Turn = ChatTurn & { id: number; result?: AgentChatResult }

const draftKey = (agentId: string) => `eliza-console:discover-try:${agentId}`

/** Exact enough for cents and fractions of a cent (a short reply costs well under $0.01). */
const usd = (n: number) => (n > 0 && n < 0.01 ? `$${n.toFixed(6)}` : formatUsd(n))

const TurnView = memo(function TurnView({ turn, agentName }: { turn: Turn; agentName: string }) {
  const isUser = turn.role === 'user'
  return (
    <li className={isUser ? 'grid justify-items-end' : 'grid justify-items-start'}>
      <span className="sr-only">{isUser ? 'You' : agentName}:</span>
      <p
        className={
          isUser
            ? 'max-w-[85%] rounded-2xl rounded-br-sm bg-primary px-3 py-2 text-sm [overflow-wrap:anywhere] whitespace-pre-wrap text-primary-foreground'
            : 'max-w-[85%] rounded-2xl rounded-bl-sm bg-muted px-3 py-2 text-sm [overflow-wrap:anywhere] whitespace-pre-wrap'
        }
      >
        {turn.content}
      </p>
      {turn.result ? (
        <p className="mt-1 text-xs text-muted-foreground tabular-nums" data-testid="reply-cost">
          Cost {usd(turn.result.cost.total)} (base {usd(turn.result.cost.base)} + markup{' '}
          {usd(turn.result.cost.markup)}) · {turn.result.usage.total_tokens} tokens ·{' '}
          {turn.result.model}
        </p>
      ) : null}
    </li>
  )
})

/**
 * A small chat with a public agent through its A2A `chat` method. The whole conversation is sent
 * each time; every reply shows what it cost the caller, the owner's markup included
 * (docs/discover.md §Per-agent chat). The draft survives a reload.
 */
export function TryItPanel({ agentId, agentName }: { agentId: string; agentName: string }) {
  const draft = useDraft(draftKey(agentId))
  const [turns, setTurns] = useState<Turn[]>([])
  const chat = useAgentChat(agentId)
  const inputId = useId()
  const tooLong = draft.value.length > TRY_IT_MAX_CHARS
  const canSend = draft.value.trim().length > 0 && !tooLong && !chat.isPending

  async function handleSubmit(event?: FormEvent) {
    event?.preventDefault()
    if (!canSend) return
    const text = draft.value.trim()
    const next: Turn[] = [...turns, { id: Date.now(), role: 'user', content: text }]
    setTurns(next)
    try {
      const result = await chat.mutateAsync(next.map(({ role, content }) => ({ role, content })))
      setTurns((t) => [
        ...t,
        { id: Date.now() + 1, role: 'assistant', content: result.content, result },
      ])
      draft.change('')
      draft.flush()
    } catch {
      // The user's message stays out of the conversation; the error shows below and the draft is kept.
      setTurns(turns)
    }
  }

  function handleKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault()
      void handleSubmit()
    }
  }

  const spent = turns.reduce((n, t) => n + (t.result?.cost.total ?? 0), 0)
  const error = chat.error
  return (
    <div className="grid gap-3">
      {turns.length > 0 ? (
        <ol
          aria-label={`Conversation with ${agentName}`}
          className="grid max-h-[26rem] gap-3 overflow-y-auto"
        >
          {turns.map((t) => (
            <TurnView key={t.id} turn={t} agentName={agentName} />
          ))}
        </ol>
      ) : (
        <p className="text-sm text-muted-foreground">
          Each message is billed to your balance at the model's price, plus the owner's markup if
          the agent is monetized.
        </p>
      )}
      {chat.isPending ? (
        <p role="status" className="text-sm text-muted-foreground">
          {agentName} is replying…
        </p>
      ) : null}
      {error ? (
        <div className="grid gap-1">
          <ErrorState error={error} onRetry={() => void handleSubmit()} retryLabel="Send again" />
          {isApiError(error) && error.kind === 'insufficient_credits' ? (
            <BalanceNote query={balanceQuery()} />
          ) : null}
        </div>
      ) : null}
      <form onSubmit={(e) => void handleSubmit(e)} className="grid gap-2">
        <label htmlFor={inputId} className="text-sm font-medium">
          Message to {agentName}
        </label>
        <Textarea
          id={inputId}
          value={draft.value}
          onChange={(e) => draft.change(e.target.value)}
          onKeyDown={handleKeyDown}
          rows={3}
          placeholder="Ask something… (Enter sends, Shift+Enter for a new line)"
          aria-invalid={tooLong || undefined}
          aria-describedby={`${inputId}-help`}
        />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p
            id={`${inputId}-help`}
            className={tooLong ? 'text-xs text-destructive' : 'text-xs text-muted-foreground'}
          >
            {tooLong
              ? `At most ${TRY_IT_MAX_CHARS} characters (${draft.value.length} now).`
              : spent > 0
                ? `Spent in this conversation: ${usd(spent)}`
                : `${draft.value.length} / ${TRY_IT_MAX_CHARS}`}
          </p>
          <div className="flex gap-2">
            {turns.length > 0 ? (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => {
                  setTurns([])
                  chat.reset()
                }}
              >
                <Trash2 aria-hidden />
                New conversation
              </Button>
            ) : null}
            <Button type="submit" size="sm" disabled={!canSend} pending={chat.isPending}>
              <Send aria-hidden />
              Send
            </Button>
          </div>
        </div>
      </form>
    </div>
  )
}
