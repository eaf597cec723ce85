import { Mic, Plus, Square, Trash2 } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { useRecorder } from '../hooks/use-recorder'

const clock = (ms: number) => {
  const s = Math.floor(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

const STATUS_TEXT: Partial<Record<ReturnType<typeof useRecorder>['status'], string>> = {
  unsupported: 'This browser cannot record audio (no MediaRecorder). Upload files instead.',
  denied:
    'Microphone access was denied. Allow it in the browser’s site settings, then record again — or upload files.',
  'no-device': 'No microphone was found. Connect one, or upload files instead.',
}

/** Record a sample in the browser: elapsed time, stop, preview, then add it to the samples. */
export function RecorderPanel({ onAdd }: { onAdd: (file: File) => void }) {
  const { status, elapsedMs, recording, errorMessage, start, stop, discard } = useRecorder()
  const notice =
    STATUS_TEXT[status] ??
    (status === 'error' ? `Recording failed: ${errorMessage ?? 'unknown error'}` : null)
  return (
    <div className="grid gap-2 rounded-lg border border-dashed p-3">
      <div className="flex flex-wrap items-center gap-2">
        {status === 'recording' ? (
          <>
            <span className="flex items-center gap-2 text-sm font-medium" role="status">
              <span aria-hidden className="size-2.5 animate-pulse rounded-full bg-destructive" />
              Recording {clock(elapsedMs)}
            </span>
            <Button size="sm" variant="outline" onClick={stop}>
              <Square aria-hidden />
              Stop recording
            </Button>
          </>
        ) : (
          <Button
            size="sm"
            variant="outline"
            onClick={() => void start()}
            disabled={status === 'unsupported' || status === 'requesting'}
            pending={status === 'requesting'}
          >
            <Mic aria-hidden />
            {recording ? 'Record again' : 'Record a sample'}
          </Button>
        )}
        {status === 'requesting' ? (
          <span className="text-sm text-muted-foreground">Waiting for microphone access…</span>
        ) : null}
      </div>
      {notice ? (
        <p className="text-sm text-muted-foreground" role="alert">
          {notice}
        </p>
      ) : null}
      {recording ? (
        <div className="flex flex-wrap items-center gap-2">
          {/* eslint-disable-next-line jsx-a11y/media-has-caption -- the user's own recording */}
          <audio
            controls
            src={recording.url}
            aria-label="Recording preview"
            className="h-10 max-w-full min-w-0 flex-1"
          />
          <span className="text-xs text-muted-foreground tabular-nums">{clock(elapsedMs)}</span>
          <Button
            size="sm"
            onClick={() => {
              onAdd(recording.file)
              discard()
            }}
          >
            <Plus aria-hidden />
            Add recording
          </Button>
          <Button size="icon-sm" variant="ghost" label="Discard recording" onClick={discard}>
            <Trash2 aria-hidden />
          </Button>
        </div>
      ) : null}
    </div>
  )
}
