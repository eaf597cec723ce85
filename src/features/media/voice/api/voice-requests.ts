import { api } from '@/lib/api-client'
import { ApiError } from '@/lib/api-error'
import { registerRunCodec } from '../../shared/job-store'
import {
  cloneFileType,
  cloneResponseSchema,
  type CloneResponse,
  type CloneType,
  type TtsModelId,
} from './schemas'

export type SpeakInput = {
  text: string
  voiceId: string
  voiceName: string
  isClonedVoice: boolean
  modelId: TtsModelId
}

export type SpeakResult = {
  /** A blob: URL of the MP3; revoked when the job is dismissed or retried. */
  url: string
  bytes: number
  mimeType: string
  /** The MP3 itself, kept in the run's record: the cloud keeps no copy (docs/media.md §Runs). */
  blob: Blob
}

type StoredSpeech = { blob: Blob; bytes: number; mimeType: string }

registerRunCodec<SpeakInput, SpeakResult>('voice', {
  storeResult: ({ blob, bytes, mimeType }): StoredSpeech => ({ blob, bytes, mimeType }),
  reviveResult: (stored) => {
    const { blob, bytes, mimeType } = stored as StoredSpeech
    return { url: URL.createObjectURL(blob), bytes, mimeType, blob }
  },
})

/** The TTS body, exactly as sent (also what "View code" shows). */
export const ttsBody = ({
  text,
  voiceId,
  modelId,
}: Pick<SpeakInput, 'text' | 'voiceId' | 'modelId'>) => ({ text, voiceId, modelId })

/**
 * POST /api/v1/voice/tts: the answer is a chunked `audio/mpeg` stream (docs/cloud/media.md §5.1), read to the
 * end into a Blob. A stream that breaks mid-way is already billed, so it is reported, not retried.
 */
export async function speak(input: SpeakInput, signal: AbortSignal): Promise<SpeakResult> {
  const res = await api.raw('/api/v1/voice/tts', {
    method: 'POST',
    body: ttsBody(input),
    signal,
    timeoutMs: 120_000,
  })
  let blob: Blob
  try {
    blob = await res.blob()
  } catch (error) {
    if (signal.aborted) throw new ApiError('aborted', 'The request was cancelled.', null)
    throw new ApiError(
      'stream_cut',
      'The audio stream ended early.',
      res.status,
      {},
      { cause: error },
    )
  }
  if (blob.size === 0) throw new ApiError('bad_response', 'The cloud sent no audio.', res.status)
  const mimeType = blob.type || res.headers.get('content-type') || 'audio/mpeg'
  return { url: URL.createObjectURL(blob), bytes: blob.size, mimeType, blob }
}

export type CloneInput = {
  name: string
  description: string
  cloneType: CloneType
  files: File[]
}

/** The multipart body of a clone: `name`, `cloneType`, `description?`, `file0…` (docs/cloud/media.md §5.3). */
export function cloneFormData({ name, description, cloneType, files }: CloneInput): FormData {
  const form = new FormData()
  form.append('name', name.trim())
  form.append('cloneType', cloneType)
  if (description.trim()) form.append('description', description.trim())
  files.forEach((file, i) => {
    // A file the browser gave no type gets one from its extension: the cloud checks the type.
    const type = cloneFileType(file)
    const part = type && type !== file.type ? new File([file], file.name, { type }) : file
    form.append(`file${i}`, part, file.name)
  })
  return form
}

/**
 * A clone's outcome: the cloud's answer, or the voice found after a reload, whose charge only the
 * ledger knows (`creditsDeducted` null; docs/media.md §Runs).
 */
export type CloneResult = Omit<CloneResponse, 'creditsDeducted'> & {
  creditsDeducted: number | null
}

// The audio samples are not kept with the record (up to 100 MB): a stored clone cannot be re-sent.
registerRunCodec<CloneInput, CloneResult>('clone', {
  storeInput: (input) => ({ input: { ...input, files: [] }, canRetry: false }),
})

/** POST /api/v1/voice/clone: synchronous, the voice exists when it answers 201. */
export function cloneVoice(input: CloneInput, signal: AbortSignal): Promise<CloneResult> {
  return api.post('/api/v1/voice/clone', {
    body: cloneFormData(input),
    signal,
    schema: cloneResponseSchema,
    timeoutMs: 180_000,
  })
}
