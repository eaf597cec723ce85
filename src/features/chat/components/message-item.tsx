import { ChevronLeft, ChevronRight, Pencil } from 'lucide-react'
import { memo, useState, type FormEvent, type ReactNode } from 'react'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Textarea } from '@/components/ui/textarea'
import { cn } from '@/lib/cn'
import type { ChatMessage } from '../storage/conversations'
import { CopyButton } from '@/components/copy-button'
import { Markdown } from './markdown'
import { ReplyStats } from './reply-stats'
import { StructuredReply } from './structured-reply'
import { ToolCalls } from './tool-calls'

type BubbleProps = {
  from: ChatMessage['role']
  author: string
  text: string
  status?: ChatMessage['status'] | 'streaming'
  stats?: ChatMessage['stats']
  /** Extra controls under the message (edit, versions). */
  actions?: ReactNode
  /** Replaces the markdown body (tool calls, structured output). */
  body?: ReactNode
}

const STATUS_SUFFIX: Partial<Record<NonNullable<BubbleProps['status']>, string>> = {
  stopped: ', stopped',
  error: ', incomplete',
  interrupted: ', interrupted',
}

/** One message as shown in the log. */
export function MessageBubble({
  from,
  author,
  text,
  status = 'done',
  stats,
  actions,
  body,
}: BubbleProps) {
  const isUser = from === 'user'
  return (
    <article
      aria-label={`${author}${STATUS_SUFFIX[status] ?? ''}`}
      className={cn('group flex flex-col gap-1.5 py-2', isUser ? 'items-end' : 'items-start')}
    >
      <div className="flex items-center gap-2 text-xs text-muted-foreground">
        <span className="font-medium text-foreground/80">{author}</span>
        {status === 'stopped' ? <Badge variant="warning">Stopped</Badge> : null}
        {status === 'error' ? <Badge variant="destructive">Incomplete</Badge> : null}
        {status === 'interrupted' ? <Badge variant="warning">Interrupted</Badge> : null}
        {status === 'streaming' ? (
          <span className="animate-pulse" aria-hidden>
            ●
          </span>
        ) : null}
      </div>
      <div
        className={cn(
          'max-w-[min(100%,44rem)] rounded-xl px-3.5 py-2.5',
          isUser
            ? 'bg-primary text-primary-foreground'
            : from === 'tool'
              ? 'border border-dashed bg-muted/50 text-foreground'
              : 'border bg-card text-card-foreground',
        )}
      >
        {body ? (
          body
        ) : isUser ? (
          <p className="text-sm leading-relaxed whitespace-pre-wrap">{text}</p>
        ) : from === 'tool' ? (
          <pre className="font-mono text-xs whitespace-pre-wrap">{text}</pre>
        ) : text ? (
          <Markdown text={text} isStreaming={status === 'streaming'} />
        ) : (
          <p className="text-sm text-muted-foreground">
            {status === 'streaming'
              ? 'Waiting for the first token…'
              : status === 'interrupted'
                ? 'The page closed before any of the reply arrived.'
                : '(no text)'}
          </p>
        )}
      </div>
      {status !== 'streaming' ? (
        <div className="flex flex-wrap items-center gap-2">
          {stats ? <ReplyStats stats={stats} /> : null}
          {actions}
          {text ? <CopyButton text={text} label="Copy message" compact /> : null}
        </div>
      ) : null}
    </article>
  )
}

export type VersionInfo = { at: number; current: number; total: number }

type MessageItemProps = {
  message: ChatMessage
  author: string
  /** Versions of the conversation after this (edited) user message. */
  version?: VersionInfo
  /** Null when editing is not possible (an agent's room keeps its own history). */
  onEdit: ((id: string, text: string) => void) | null
  onVersion: (at: number, index: number) => void
  /** Set on the last reply when it holds tool calls that wait for results. */
  onToolResults?: ((results: { id: string; name: string; content: string }[]) => void) | null
}

/** A finished message: memoised on the message object, which the session never mutates. */
export const MessageItem = memo(function MessageItem({
  message,
  author,
  version,
  onEdit,
  onVersion,
  onToolResults = null,
}: MessageItemProps) {
  const [isEditing, setIsEditing] = useState(false)
  const [text, setText] = useState(message.content)
  if (isEditing && onEdit) {
    const handleSubmit = (event: FormEvent) => {
      event.preventDefault()
      if (!text.trim()) return
      setIsEditing(false)
      onEdit(message.id, text)
    }
    return (
      <form onSubmit={handleSubmit} className="ml-auto grid max-w-[min(100%,44rem)] gap-2 py-2">
        <Textarea
          aria-label="Edit message"
          value={text}
          rows={3}
          // eslint-disable-next-line jsx-a11y/no-autofocus -- the box the Edit button just opened
          autoFocus
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setIsEditing(false)
            // As in the message box: Enter sends, Shift+Enter adds a line.
            else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault()
              e.currentTarget.form?.requestSubmit()
            }
          }}
        />
        <div className="flex justify-end gap-2">
          <Button type="button" size="sm" variant="outline" onClick={() => setIsEditing(false)}>
            Cancel
          </Button>
          <Button type="submit" size="sm" disabled={!text.trim()}>
            Save and send
          </Button>
        </div>
      </form>
    )
  }
  const actions =
    message.role === 'user' ? (
      <>
        {version && version.total > 1 ? (
          <span className="flex items-center gap-0.5 text-xs text-muted-foreground tabular-nums">
            <Button
              size="icon-sm"
              variant="ghost"
              label="Previous version"
              className="size-7"
              disabled={version.current === 0}
              onClick={() => onVersion(version.at, version.current - 1)}
            >
              <ChevronLeft aria-hidden />
            </Button>
            <span>
              Version {version.current + 1} of {version.total}
            </span>
            <Button
              size="icon-sm"
              variant="ghost"
              label="Next version"
              className="size-7"
              disabled={version.current === version.total - 1}
              onClick={() => onVersion(version.at, version.current + 1)}
            >
              <ChevronRight aria-hidden />
            </Button>
          </span>
        ) : null}
        {onEdit ? (
          <Button
            size="icon-sm"
            variant="ghost"
            label="Edit message"
            className="size-7 text-muted-foreground"
            onClick={() => {
              setText(message.content)
              setIsEditing(true)
            }}
          >
            <Pencil aria-hidden />
          </Button>
        ) : null}
      </>
    ) : null
  return (
    <MessageBubble
      from={message.role}
      author={author}
      text={message.content}
      status={message.status}
      stats={message.stats}
      actions={actions}
      body={
        message.toolCalls?.length ? (
          <div className="grid gap-2">
            {message.content ? <Markdown text={message.content} /> : null}
            <ToolCalls calls={message.toolCalls} onSubmit={onToolResults} />
          </div>
        ) : message.schema && message.status === 'done' ? (
          <StructuredReply schema={message.schema} text={message.content} />
        ) : undefined
      }
    />
  )
})
