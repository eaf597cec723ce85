import { QueryClient } from '@tanstack/react-query'
import { describe, expect, it } from 'vitest'
import { cloneSamples, ttsSamples } from './code'
import { voiceKeys } from './keys'
import { CLONE_PRICE, ttsPrice, ttsPricePer1k } from './prices'
import {
  cloneFileProblems,
  cloneFileType,
  cloneResponseSchema,
  ttsInput,
  voiceListSchema,
} from './schemas'
import { cloneFormData } from './voice-requests'

const MB = 1024 * 1024
/** A File of `size` bytes; above 1 MB only its size is real (the checks read no bytes), so the
 * 110 MB of samples below cost no memory or time on a loaded machine. */
function file(name: string, type: string, size: number): File {
  if (size <= MB) return new File([new Uint8Array(size)], name, { type })
  return Object.defineProperty(new File([], name, { type }), 'size', { value: size })
}

describe('TTS limits and prices (docs/cloud/media.md §5.1, §6)', () => {
  it('accepts 1–5000 characters and the four priced models only', () => {
    const ok = { text: 'Hi', voiceId: 'x', modelId: 'eleven_flash_v2_5' }
    expect(ttsInput.safeParse(ok).success).toBe(true)
    expect(ttsInput.safeParse({ ...ok, text: '   ' }).success).toBe(false)
    expect(ttsInput.safeParse({ ...ok, text: 'a'.repeat(5000) }).success).toBe(true)
    expect(ttsInput.safeParse({ ...ok, text: 'a'.repeat(5001) }).success).toBe(false)
    expect(ttsInput.safeParse({ ...ok, modelId: 'eleven_turbo_v2' }).success).toBe(false)
  })

  it('prices per character with the cloned-voice surcharge', () => {
    expect(ttsPricePer1k('eleven_flash_v2_5')).toBe(0.06)
    expect(ttsPricePer1k('eleven_v3')).toBe(0.12)
    expect(ttsPrice(1000, 'eleven_multilingual_v2', false)).toBe(0.12)
    expect(ttsPrice(1000, 'eleven_turbo_v2_5', true)).toBe(0.066)
    expect(CLONE_PRICE).toEqual({ instant: 0.504, professional: 2.004 })
  })
})

describe('clone samples (docs/cloud/media.md §5.3)', () => {
  it('accepts audio types, WebM/MP4 containers and typeless files by extension', () => {
    expect(cloneFileType({ name: 'a.wav', type: 'audio/wav' })).toBe('audio/wav')
    expect(cloneFileType({ name: 'a.webm', type: 'video/webm' })).toBe('video/webm')
    expect(cloneFileType({ name: 'a.m4a', type: '' })).toBe('audio/mp4')
    expect(cloneFileType({ name: 'a.txt', type: 'text/plain' })).toBeNull()
    expect(cloneFileType({ name: 'a.png', type: '' })).toBeNull()
  })

  it('checks count, per-file size, total size and type before upload', () => {
    expect(cloneFileProblems([file('a.wav', 'audio/wav', 10)])).toEqual([])
    expect(cloneFileProblems([])).toEqual(['Add at least one audio sample.'])
    expect(cloneFileProblems([file('n.txt', 'text/plain', 3)])).toEqual([
      'n.txt is not an audio file (text/plain).',
    ])
    expect(cloneFileProblems([file('e.wav', 'audio/wav', 0)])).toEqual(['e.wav is empty.'])
    expect(cloneFileProblems([file('big.wav', 'audio/wav', 10 * MB + 1)])).toEqual([
      'big.wav is over the 10 MB limit per file.',
    ])
    const eleven = Array.from({ length: 11 }, (_, i) => file(`${i}.wav`, 'audio/wav', 1))
    expect(cloneFileProblems(eleven)).toEqual(['At most 10 files (you have 11).'])
    const heavy = Array.from({ length: 10 }, (_, i) => file(`${i}.wav`, 'audio/wav', 10 * MB))
    // 10 × 10 MB is exactly 100 MB (allowed); the total check uses the same bytes as the server.
    expect(cloneFileProblems(heavy)).toEqual([])
  })

  it('builds the multipart body with file0…, typing typeless files', async () => {
    const form = cloneFormData({
      name: ' Narrator ',
      description: '',
      cloneType: 'instant',
      files: [file('a.wav', 'audio/wav', 4), file('b.m4a', '', 2)],
    })
    expect(form.get('name')).toBe('Narrator')
    expect(form.get('cloneType')).toBe('instant')
    expect(form.has('description')).toBe(false)
    const f0 = form.get('file0') as File
    const f1 = form.get('file1') as File
    expect([f0.name, f0.type, f0.size]).toEqual(['a.wav', 'audio/wav', 4])
    expect([f1.name, f1.type, f1.size]).toEqual(['b.m4a', 'audio/mp4', 2])
  })
})

describe('View code', () => {
  it('writes TTS output to a file with the key as a variable', () => {
    const [curl, ts, py] = ttsSamples(
      { text: 'Hi', voiceId: 'v1', voiceName: 'V', isClonedVoice: false, modelId: 'eleven_v3' },
      'CONSOLE_KEY_VAR',
    )
    expect(curl?.code).toContain("-o 'speech.mp3'")
    expect(curl?.code).toContain('$CONSOLE_KEY_VAR')
    expect(ts?.code).toContain('writeFile("speech.mp3"')
    expect(py?.code).toContain('f.write(res.content)')
    expect(curl?.code).not.toContain('voiceName')
  })

  it('writes the clone as multipart in all three languages', () => {
    const [curl, ts, py] = cloneSamples({
      name: "Bob's voice",
      description: 'Warm',
      cloneType: 'professional',
      fileNames: ['one.wav', 'two.mp3'],
      keyVariable: 'CONSOLE_KEY_VAR',
    })
    expect(curl?.code).toContain(`-F 'name=Bob'\\''s voice'`)
    expect(curl?.code).toContain("-F 'cloneType=professional'")
    expect(curl?.code).toContain("-F 'file1=@two.mp3'")
    expect(curl?.code).not.toContain('Content-Type')
    expect(ts?.code).toContain(
      'form.append(\'file0\', new Blob([await readFile("one.wav")]), "one.wav")',
    )
    expect(py?.code).toContain('("file1", ("two.mp3", open("two.mp3", "rb")))')
    expect(py?.code).toContain('files=files')
    expect(py?.code).toContain('"description": "Warm"')
  })
})

describe('response schemas (fixtures from docs/cloud/media.md §5.3, §5.4)', () => {
  it('parses a clone answer and a voice list', () => {
    const clone = cloneResponseSchema.parse({
      success: true,
      voice: {
        id: '0c9a3f52-7d0e-4c8e-8f7e-2b1c6a9d4e55',
        elevenlabsVoiceId: 'pNInz6obpgDQGcFmaJgB',
        name: 'Narrator',
        description: 'Calm narration voice',
        cloneType: 'instant',
        status: 'completed',
        sampleCount: 2,
        createdAt: '2026-04-20T10:01:02.345Z',
      },
      job: { id: '9e1d', status: 'completed', progress: 100 },
      creditsDeducted: 0.504,
      estimatedCompletionTime: '30 seconds',
    })
    expect(clone.creditsDeducted).toBe(0.504)
    const list = voiceListSchema.parse({
      success: true,
      voices: [
        {
          id: '0c9a',
          elevenlabsVoiceId: 'pNInz6obpgDQGcFmaJgB',
          name: 'Narrator',
          description: null,
          cloneType: 'instant',
          sampleCount: 2,
          totalAudioDurationSeconds: null,
          audioQualityScore: '7.50',
          usageCount: 14,
          lastUsedAt: null,
          isActive: true,
          isPublic: false,
          createdAt: '2026-04-20T10:01:02.345Z',
          updatedAt: '2026-04-21T08:00:00.000Z',
        },
      ],
      total: 1,
      limit: 50,
      offset: 0,
      hasMore: false,
    })
    expect(list.voices[0]?.usageCount).toBe(14)
  })
})

describe('voice keys', () => {
  it('the list prefix covers my voices but not the premade catalogue', () => {
    const client = new QueryClient()
    client.setQueryData(voiceKeys.list(), 1)
    client.setQueryData(voiceKeys.premade(), 2)
    void client.invalidateQueries({ queryKey: voiceKeys.lists() })
    expect(client.getQueryState(voiceKeys.list())?.isInvalidated).toBe(true)
    expect(client.getQueryState(voiceKeys.premade())?.isInvalidated).toBe(false)
  })
})
