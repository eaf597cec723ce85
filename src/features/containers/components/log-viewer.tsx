import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDownToLine, Check, Copy, Download, Pause, Play, TriangleAlert } from 'lucide-react'
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ErrorState } from '@/components/error-state'
import { SearchField } from '@/components/search-field'
import { Button } from '@/components/ui/button'
import { NativeSelect } from '@/components/ui/native-select'
import { cn } from '@/lib/cn'
import { formatNumber } from '@/lib/format'
import { useCopy } from '@/lib/use-copy'
import { useNow } from '@/lib/use-now'
import { LOG_LEVELS, type LogLevel } from '../lib/search-params'
import { formatLogLine, type LogLine } from '../lib/log-buffer'
import type { LogStreamState } from '../api/log-stream'
import { LOG_CAPACITY, useLogStreamSnapshot, type LogStreamStore } from '../hooks/log-stream-store'

export interface LogFilters {
  level: LogLevel | ''
  q: string
}

type LogViewerProps = {
  store: LogStreamStore
  containerName: string
  filters: LogFilters
  onFiltersChange: (patch: Partial<LogFilters>) => void
}

const ROW_PX = 20
const SEARCH_DEBOUNCE_MS = 200

const LEVEL_CLASS: Record<string, string> = {
  error: 'text-destructive',
  warn: 'text-warning',
  info: 'text-primary',
  debug: 'text-muted-foreground',
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
})
const millis = (t: number) => `.${String(((t % 1000) + 1000) % 1000).padStart(3, '0')}`

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function matches(line: LogLine, level: string, q: string): boolean {
  if (line.gap) return level === '' && q === ''
  if (level && line.level !== level) return false
  if (!q) return true
  return line.message.toLowerCase().includes(q)
}

/**
 * The live log: a `log` region named "Logs", virtualized (only the rows on screen are in the DOM),
 * over a ring buffer of the newest 5,000 lines. Level and search filter what is shown; Pause
 * freezes the view while lines keep arriving; Follow keeps the newest line in view.
 */
export function LogViewer({ store, containerName, filters, onFiltersChange }: LogViewerProps) {
  const snapshot = useLogStreamSnapshot(store)
  const [paused, setPaused] = useState<{ lines: LogLine[]; added: number } | null>(null)
  const [isFollowing, setFollowing] = useState(true)
  const scrollRef = useRef<HTMLDivElement>(null)
  const followRef = useRef(true)

  // A new array once per frame in which lines arrived (snapshot.version), not per line.
  const version = snapshot.version
  const all = useMemo(() => {
    void version
    return store.buffer.toArray()
  }, [store, version])
  const source = paused ? paused.lines : all
  const q = filters.q.trim().toLowerCase()
  const shown = useMemo(
    () =>
      filters.level === '' && q === ''
        ? source
        : source.filter((l) => matches(l, filters.level, q)),
    [source, filters.level, q],
  )

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer's functions are read in render only
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
    getItemKey: (i) => shown[i]?.seq ?? i,
  })

  const scrollToEnd = useCallback(() => {
    if (shown.length > 0) virtualizer.scrollToIndex(shown.length - 1, { align: 'end' })
  }, [shown.length, virtualizer])

  useEffect(() => {
    if (followRef.current) scrollToEnd()
  }, [shown, scrollToEnd])

  const handleScroll = () => {
    const el = scrollRef.current
    if (!el) return
    const atEnd = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_PX * 2
    // Scrolling up stops following; coming back to the end resumes it.
    if (atEnd !== followRef.current) {
      followRef.current = atEnd
      setFollowing(atEnd)
    }
  }

  const handleFollow = (on = true) => {
    followRef.current = on
    setFollowing(on)
    if (on) scrollToEnd()
  }

  const handlePause = () => {
    setPaused((p) => (p ? null : { lines: all, added: snapshot.added }))
  }

  const newWhilePaused = paused ? snapshot.added - paused.added : 0
  const state = snapshot.state
  const items = virtualizer.getVirtualItems()

  return (
    <div className="grid gap-3">
      <LogToolbar
        filters={filters}
        onFiltersChange={onFiltersChange}
        isPaused={paused !== null}
        isFollowing={isFollowing}
        onPause={handlePause}
        onFollow={() => handleFollow(!isFollowing)}
        lines={shown}
        containerName={containerName}
      />
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
        <StreamStatus state={state} streamError={snapshot.streamError} />
        <span aria-live="polite">
          {shown.length === source.length
            ? `${formatNumber(source.length)} line${source.length === 1 ? '' : 's'}`
            : `${formatNumber(shown.length)} of ${formatNumber(source.length)} lines`}
          {store.buffer.dropped > 0 ? ` · newest ${formatNumber(LOG_CAPACITY)} kept` : ''}
          {paused ? ` · paused, ${formatNumber(newWhilePaused)} new` : ''}
        </span>
      </div>
      {state.status === 'failed' ? <ErrorState error={state.error} /> : null}
      <div className="relative">
        <div
          ref={scrollRef}
          onScroll={handleScroll}
          role="log"
          aria-label="Logs"
          aria-live="off"
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- the log scrolls by keyboard
          tabIndex={0}
          className="h-[min(60vh,34rem)] overflow-auto rounded-lg border border-border bg-muted/40 py-2 font-mono text-xs leading-5 outline-none focus-visible:ring-2 focus-visible:ring-ring"
        >
          {shown.length === 0 ? (
            <p className="px-3 py-2 font-sans text-sm text-muted-foreground">
              {state.status === 'unavailable'
                ? state.message
                : source.length > 0
                  ? 'No line matches this level or search.'
                  : state.status === 'connecting'
                    ? 'Loading the recent lines…'
                    : 'No log lines yet. New lines appear here as the container prints them.'}
            </p>
          ) : (
            <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const line = shown[item.index]
                if (!line) return null
                return (
                  <div
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className="absolute top-0 left-0 w-full px-3"
                    style={{ transform: `translateY(${item.start}px)` }}
                  >
                    <LogRow line={line} q={q} />
                  </div>
                )
              })}
            </div>
          )}
        </div>
        {!isFollowing && shown.length > 0 ? (
          <Button
            size="sm"
            variant="outline"
            className="absolute right-4 bottom-3 rounded-full shadow-md"
            onClick={() => handleFollow(true)}
          >
            <ArrowDownToLine aria-hidden />
            Newest
          </Button>
        ) : null}
      </div>
    </div>
  )
}

const LogRow = memo(function LogRow({ line, q }: { line: LogLine; q: string }) {
  if (line.gap) {
    return (
      <div className="flex items-center gap-2 py-0.5 font-sans text-warning">
        <TriangleAlert aria-hidden className="size-3.5 shrink-0" />
        {line.message}
      </div>
    )
  }
  const isValid = Number.isFinite(line.time)
  return (
    <div className="flex gap-3 wrap-anywhere whitespace-pre-wrap">
      <time
        dateTime={line.timestamp}
        title={line.timestamp}
        className="shrink-0 text-muted-foreground tabular-nums"
      >
        {isValid ? timeFormat.format(line.time) : line.timestamp}
        {/* Milliseconds on wider screens; phones keep the message room. */}
        {isValid ? <span className="hidden sm:inline">{millis(line.time)}</span> : null}
      </time>
      <span className={cn('w-10 shrink-0 uppercase sm:w-11', LEVEL_CLASS[line.level])}>
        {line.level}
      </span>
      <span className="min-w-0 flex-1 text-foreground">
        <Highlighted text={line.message} q={q} />
        {line.metadata ? (
          <span className="text-muted-foreground"> {JSON.stringify(line.metadata)}</span>
        ) : null}
      </span>
    </div>
  )
})

function Highlighted({ text, q }: { text: string; q: string }) {
  if (!q) return <>{text}</>
  const parts = text.split(new RegExp(`(${escapeRegExp(q)})`, 'i'))
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <mark key={i} className="rounded-sm bg-warning-soft text-foreground">
            {part}
          </mark>
        ) : (
          part
        ),
      )}
    </>
  )
}

function StreamStatus({
  state,
  streamError,
}: {
  state: LogStreamState
  streamError: string | null
}) {
  const retryAt = state.status === 'reconnecting' ? state.retryAt : 0
  const now = useNow(state.status === 'reconnecting', 500)
  let dot = 'bg-muted-foreground'
  let text: string
  switch (state.status) {
    case 'connecting':
      text = 'Connecting…'
      break
    case 'live':
      dot = 'bg-success'
      text = 'Live'
      break
    case 'reconnecting': {
      dot = 'bg-warning'
      const wait = Math.max(0, Math.ceil((retryAt - now) / 1000))
      text = `Reconnecting${wait > 0 ? ` in ${wait} s` : '…'}${state.error ? ` (${state.error.message})` : ''}`
      break
    }
    case 'unavailable':
      text = 'Not streaming'
      break
    case 'failed':
      dot = 'bg-destructive'
      text = 'Stream stopped'
      break
    case 'stopped':
      text = 'Stopped'
      break
  }
  return (
    <span role="status" className="flex min-w-0 items-center gap-2">
      <span aria-hidden className={cn('size-2 shrink-0 rounded-full', dot)} />
      <span className="truncate">
        {text}
        {streamError && state.status === 'live' ? ` · the cloud reported: ${streamError}` : ''}
      </span>
    </span>
  )
}

function LogToolbar({
  filters,
  onFiltersChange,
  isPaused,
  isFollowing,
  onPause,
  onFollow,
  lines,
  containerName,
}: {
  filters: LogFilters
  onFiltersChange: (patch: Partial<LogFilters>) => void
  isPaused: boolean
  isFollowing: boolean
  onPause: () => void
  onFollow: () => void
  lines: LogLine[]
  containerName: string
}) {
  const handleSearch = useCallback((q: string) => onFiltersChange({ q }), [onFiltersChange])
  const { isCopied, copy } = useCopy()
  const text = () => lines.map(formatLogLine).join('\n')
  const handleDownload = () => {
    const url = URL.createObjectURL(new Blob([`${text()}\n`], { type: 'text/plain' }))
    const a = document.createElement('a')
    a.href = url
    a.download = `${containerName.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'container'}-logs.log`
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 1_000)
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      <NativeSelect
        aria-label="Level"
        value={filters.level}
        onChange={(e) => onFiltersChange({ level: e.target.value as LogLevel | '' })}
        className="w-32"
      >
        <option value="">All levels</option>
        {LOG_LEVELS.map((l) => (
          <option key={l} value={l}>
            {l[0]?.toUpperCase()}
            {l.slice(1)}
          </option>
        ))}
      </NativeSelect>
      <SearchField
        value={filters.q}
        onSearch={handleSearch}
        label="Search logs"
        placeholder="Search logs"
        debounceMs={SEARCH_DEBOUNCE_MS}
        isVerbatim
        className="min-w-44 flex-1"
      />
      <Button
        variant="outline"
        size="sm"
        aria-pressed={isPaused}
        className={cn(isPaused && 'bg-accent text-accent-foreground')}
        onClick={onPause}
      >
        {isPaused ? <Play aria-hidden /> : <Pause aria-hidden />}
        {isPaused ? 'Resume' : 'Pause'}
      </Button>
      <Button
        variant="outline"
        size="sm"
        aria-pressed={isFollowing}
        className={cn(isFollowing && 'bg-accent text-accent-foreground')}
        onClick={onFollow}
      >
        <ArrowDownToLine aria-hidden />
        Follow
      </Button>
      <Button
        variant="outline"
        size="sm"
        disabled={lines.length === 0}
        onClick={() => void copy(text())}
      >
        {isCopied ? <Check aria-hidden /> : <Copy aria-hidden />}
        {isCopied ? 'Copied' : 'Copy'}
      </Button>
      <Button variant="outline" size="sm" disabled={lines.length === 0} onClick={handleDownload}>
        <Download aria-hidden />
        Download
      </Button>
    </div>
  )
}
