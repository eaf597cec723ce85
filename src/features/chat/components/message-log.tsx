import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown } from 'lucide-react'
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { Button } from '@/components/ui/button'
import type { ChatSession } from '../session/chat-session'
import { useSessionSelector } from '../hooks/use-chat-session'
import { MessageBubble, MessageItem, type VersionInfo } from './message-item'

/** Re-renders per flushed frame; the finished messages above it do not. */
function StreamingBubble({ session, author }: { session: ChatSession; author: string }) {
  const streaming = useSessionSelector(session, (s) => s.streaming)
  if (!streaming) return null
  return <MessageBubble from="assistant" author={author} text={streaming.text} status="streaming" />
}

type MessageLogProps = {
  session: ChatSession
  targetName: string
  /** Shown when there are no messages yet. */
  empty: ReactNode
  /** Null when messages cannot be edited (agents, or while a reply streams). */
  onEdit: ((id: string, text: string) => void) | null
  onVersion: (at: number, index: number) => void
  onToolResults: ((results: { id: string; name: string; content: string }[]) => void) | null
}

/**
 * The conversation as a `log` region, virtualized (@tanstack/react-virtual) so hundreds of
 * messages cost no more per token than ten. It follows the bottom while the reader is there.
 */
export function MessageLog({
  session,
  targetName,
  empty,
  onEdit,
  onVersion,
  onToolResults,
}: MessageLogProps) {
  const messages = useSessionSelector(session, (s) => s.conversation.messages)
  const streamingId = useSessionSelector(session, (s) => s.streaming?.id ?? null)
  const forks = useSessionSelector(session, (s) => s.conversation.forks)
  const versions = useMemo(() => {
    const byIndex = new Map<number, VersionInfo>()
    for (const f of forks ?? [])
      byIndex.set(f.at, { at: f.at, current: f.current, total: f.tails.length })
    return byIndex
  }, [forks])
  const scrollRef = useRef<HTMLDivElement>(null)
  const [isAtBottom, setIsAtBottom] = useState(true)
  const isAtBottomRef = useRef(true)

  // The streaming bubble is one extra row after the messages.
  const count = messages.length + 1
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read in render only
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 120,
    overscan: 6,
    getItemKey: (index) => messages[index]?.id ?? 'tail',
  })

  const scrollToBottom = useCallback(() => {
    const el = scrollRef.current
    if (el) el.scrollTop = el.scrollHeight
  }, [])

  const handleScroll = () => {
    const el = scrollRef.current
    if (!el) return
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 48
    isAtBottomRef.current = atBottom
    setIsAtBottom(atBottom)
  }

  // Follow new content (messages, streamed text, size changes) while at the bottom.
  const totalSize = virtualizer.getTotalSize()
  useEffect(() => {
    if (isAtBottomRef.current) scrollToBottom()
  }, [totalSize, messages.length, streamingId, scrollToBottom])
  useEffect(() => {
    return session.subscribe(() => {
      if (isAtBottomRef.current) requestAnimationFrame(scrollToBottom)
    })
  }, [session, scrollToBottom])

  const items = virtualizer.getVirtualItems()
  return (
    <div className="relative min-h-0 flex-1">
      <div
        ref={scrollRef}
        onScroll={handleScroll}
        role="log"
        aria-label="Conversation"
        aria-live="polite"
        aria-relevant="additions"
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- the log scrolls by keyboard
        tabIndex={0}
        className="h-full overflow-y-auto px-3 outline-none focus-visible:ring-2 focus-visible:ring-ring sm:px-6"
      >
        {messages.length === 0 && !streamingId ? (
          empty
        ) : (
          <div className="relative mx-auto w-full max-w-3xl" style={{ height: totalSize }}>
            {items.map((item) => {
              const message = messages[item.index]
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  className="absolute top-0 left-0 w-full"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {message ? (
                    <MessageItem
                      message={message}
                      version={versions.get(item.index)}
                      onEdit={message.role === 'user' ? onEdit : null}
                      onVersion={onVersion}
                      onToolResults={
                        item.index === messages.length - 1 && message.toolCalls?.length
                          ? onToolResults
                          : null
                      }
                      author={
                        message.role === 'user'
                          ? 'You'
                          : message.role === 'tool'
                            ? `Tool result: ${message.toolName ?? ''}`
                            : (message.stats?.source ?? targetName)
                      }
                    />
                  ) : (
                    <div className="pb-4">
                      <StreamingBubble session={session} author={targetName} />
                    </div>
                  )}
                </div>
              )
            })}
          </div>
        )}
      </div>
      {!isAtBottom ? (
        <Button
          size="icon-sm"
          variant="outline"
          label="Scroll to the latest message"
          className="absolute right-4 bottom-3 rounded-full"
          onClick={scrollToBottom}
        >
          <ArrowDown aria-hidden />
        </Button>
      ) : null}
    </div>
  )
}
