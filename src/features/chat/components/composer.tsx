import { RotateCcw, SendHorizonal, Square } from 'lucide-react'
import { useEffect, useRef, type KeyboardEvent } from 'react'
import { Button } from '@/components/ui/button'
import { Textarea } from '@/components/ui/textarea'
import { cn } from '@/lib/cn'
import { formatNumber, formatUsd } from '@/lib/format'

export type RequestEstimate = {
  tokens: number
  contextWindow: number | null
  /** Upper bound in USD (the whole max_tokens, or 500, as the cloud reserves); null when unpriced. */
  costUsd: number | null
}

type ComposerProps = {
  value: string
  onChange: (value: string) => void
  onSend: () => void
  onStop: () => void
  onRegenerate: () => void
  isStreaming: boolean
  canRegenerate: boolean
  estimate: RequestEstimate | null
  /** Why Send is held back (invalid parameters); the draft stays as typed. */
  blockedReason?: string | null
}

function Gauge({ estimate }: { estimate: RequestEstimate }) {
  const { tokens, contextWindow, costUsd } = estimate
  const ratio = contextWindow ? Math.min(1, tokens / contextWindow) : 0
  const label = contextWindow
    ? `≈ ${formatNumber(tokens)} of ${formatNumber(contextWindow)} tokens`
    : `≈ ${formatNumber(tokens)} tokens`
  return (
    <div className="flex min-w-0 items-center gap-2 text-xs text-muted-foreground tabular-nums">
      {contextWindow ? (
        <div
          role="meter"
          aria-label="Request size against the context window"
          aria-valuemin={0}
          aria-valuemax={contextWindow}
          aria-valuenow={tokens}
          aria-valuetext={label}
          className="h-1.5 w-16 shrink-0 overflow-hidden rounded-full bg-muted sm:w-24"
        >
          <div
            className={cn(
              'h-full rounded-full',
              ratio > 0.9 ? 'bg-destructive' : ratio > 0.6 ? 'bg-warning' : 'bg-primary',
            )}
            style={{ width: `${Math.max(2, ratio * 100)}%` }}
          />
        </div>
      ) : null}
      <span className="truncate">
        {label}
        {costUsd !== null ? ` · est. ≤ ${formatUsd(costUsd)}` : ''}
      </span>
    </div>
  )
}

/** The message box: Enter sends, Shift+Enter adds a line, Esc stops a reply. */
export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  onRegenerate,
  isStreaming,
  canRegenerate,
  estimate,
  blockedReason = null,
}: ComposerProps) {
  const canSend = !isStreaming && value.trim() !== '' && blockedReason === null
  const boxRef = useRef<HTMLTextAreaElement>(null)
  // Opening the chat (the Chat link, a conversation, New chat) puts the cursor in the message
  // box, ready to type, unless the user is already typing in another field. Not on touch
  // screens, where focus would open the keyboard over the conversation.
  useEffect(() => {
    const box = boxRef.current
    if (!box || window.matchMedia?.('(pointer: coarse)').matches) return
    const active = document.activeElement
    const isTyping =
      active instanceof HTMLElement &&
      (active.isContentEditable || /^(?:INPUT|TEXTAREA|SELECT)$/.test(active.tagName))
    if (!isTyping) box.focus({ preventScroll: true })
  }, [])
  const handleKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && isStreaming) {
      event.preventDefault()
      onStop()
    } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault()
      if (canSend) onSend()
    }
  }
  return (
    <div className="border-t bg-background/95 px-3 pt-3 pb-3 sm:px-6">
      <div className="mx-auto grid w-full max-w-3xl gap-2">
        <Textarea
          ref={boxRef}
          aria-label="Message"
          rows={3}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={handleKeyDown}
          placeholder="Write a message. Enter sends, Shift+Enter adds a line."
          className="max-h-60 min-h-20 resize-y"
        />
        {blockedReason !== null ? (
          <p id="composer-blocked" role="status" className="text-xs text-destructive">
            Not sent until fixed in Parameters — {blockedReason}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center justify-between gap-2">
          {estimate ? <Gauge estimate={estimate} /> : <span />}
          <div className="flex items-center gap-2">
            <Button
              variant="outline"
              size="sm"
              onClick={onRegenerate}
              disabled={isStreaming || !canRegenerate || blockedReason !== null}
            >
              <RotateCcw aria-hidden />
              Regenerate
            </Button>
            {isStreaming ? (
              <Button variant="secondary" size="sm" onClick={onStop}>
                <Square aria-hidden />
                Stop
              </Button>
            ) : (
              <Button
                size="sm"
                onClick={onSend}
                disabled={!canSend}
                aria-describedby={blockedReason !== null ? 'composer-blocked' : undefined}
              >
                <SendHorizonal aria-hidden />
                Send
              </Button>
            )}
          </div>
        </div>
      </div>
    </div>
  )
}
