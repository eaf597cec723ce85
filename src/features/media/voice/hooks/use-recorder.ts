import { useCallback, useEffect, useRef, useState } from 'react'
import { rememberSampleSeconds } from '../lib/sample-length'

export type RecorderStatus =
  'idle' | 'requesting' | 'recording' | 'stopped' | 'denied' | 'no-device' | 'unsupported' | 'error'

/** Long enough for an instant clone's 1–3 minutes (docs/cloud/media.md §5.3), far below 10 MB as Opus. */
export const MAX_RECORDING_MS = 5 * 60_000

const PREFERRED_TYPES = [
  'audio/webm;codecs=opus',
  'audio/webm',
  'audio/ogg;codecs=opus',
  'audio/mp4',
]

export function isRecordingSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.MediaRecorder === 'function' &&
    typeof navigator.mediaDevices?.getUserMedia === 'function'
  )
}

function pickMimeType(): string | undefined {
  return PREFERRED_TYPES.find((t) => MediaRecorder.isTypeSupported(t))
}

const EXTENSION: Record<string, string> = { webm: 'webm', ogg: 'ogg', mp4: 'm4a' }

/**
 * A microphone recording made with MediaRecorder, as a File ready for upload. Permission denied,
 * no microphone and a browser without MediaRecorder each get their own status, so the UI can say
 * which it is.
 */
export function useRecorder() {
  const [status, setStatus] = useState<RecorderStatus>(() =>
    isRecordingSupported() ? 'idle' : 'unsupported',
  )
  const [elapsedMs, setElapsedMs] = useState(0)
  const [recording, setRecording] = useState<{ file: File; url: string } | null>(null)
  const [errorMessage, setErrorMessage] = useState<string | null>(null)
  const recorderRef = useRef<MediaRecorder | null>(null)
  const streamRef = useRef<MediaStream | null>(null)
  const timerRef = useRef<number | null>(null)

  const stopTracks = () => {
    streamRef.current?.getTracks().forEach((t) => t.stop())
    streamRef.current = null
    if (timerRef.current !== null) window.clearInterval(timerRef.current)
    timerRef.current = null
  }

  const discard = useCallback(() => {
    setRecording(null) // the effect below revokes its URL
    setElapsedMs(0)
    setStatus(isRecordingSupported() ? 'idle' : 'unsupported')
  }, [])

  const stop = useCallback(() => {
    const recorder = recorderRef.current
    if (recorder && recorder.state !== 'inactive') recorder.stop()
  }, [])

  const start = useCallback(async () => {
    if (!isRecordingSupported()) {
      setStatus('unsupported')
      return
    }
    discard()
    setErrorMessage(null)
    setStatus('requesting')
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true })
    } catch (error) {
      const name = error instanceof DOMException ? error.name : ''
      if (name === 'NotAllowedError' || name === 'SecurityError') setStatus('denied')
      else if (name === 'NotFoundError' || name === 'OverconstrainedError') setStatus('no-device')
      else {
        setErrorMessage(error instanceof Error ? error.message : String(error))
        setStatus('error')
      }
      return
    }
    streamRef.current = stream
    const mimeType = pickMimeType()
    let recorder: MediaRecorder
    try {
      recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined)
    } catch (error) {
      stopTracks()
      setErrorMessage(error instanceof Error ? error.message : String(error))
      setStatus('error')
      return
    }
    const chunks: Blob[] = []
    const startedAt = Date.now()
    recorder.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data)
    }
    recorder.onstop = () => {
      stopTracks()
      recorderRef.current = null
      const type = (recorder.mimeType || mimeType || 'audio/webm').split(';')[0] ?? 'audio/webm'
      const blob = new Blob(chunks, { type })
      if (blob.size === 0) {
        setErrorMessage('The microphone recorded nothing.')
        setStatus('error')
        return
      }
      const ext = EXTENSION[type.split('/')[1] ?? ''] ?? 'webm'
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
      const file = new File([blob], `recording-${stamp}.${ext}`, { type })
      // A recording's WebM has no duration header; its length is the time recorded.
      rememberSampleSeconds(file, (Date.now() - startedAt) / 1000)
      setRecording({ file, url: URL.createObjectURL(file) })
      setStatus('stopped')
    }
    recorderRef.current = recorder
    setElapsedMs(0)
    timerRef.current = window.setInterval(() => {
      const ms = Date.now() - startedAt
      setElapsedMs(ms)
      if (ms >= MAX_RECORDING_MS) recorder.stop()
    }, 250)
    recorder.start(1000)
    setStatus('recording')
  }, [discard])

  // Leaving the page stops the microphone and frees the preview.
  useEffect(
    () => () => {
      const recorder = recorderRef.current
      if (recorder) {
        recorder.onstop = null
        if (recorder.state !== 'inactive') recorder.stop()
      }
      stopTracks()
    },
    [],
  )
  useEffect(() => () => void (recording && URL.revokeObjectURL(recording.url)), [recording])

  return { status, elapsedMs, recording, errorMessage, start, stop, discard }
}
