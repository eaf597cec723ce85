// Voice routes against docs/cloud/media.md §5: TTS, STT, cloning, voice management and legacy aliases.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getBalance, setBalance } from '../core/ledger.ts'
import { runFfmpeg } from './ffmpeg.ts'
import { SEED } from '../core/seed.ts'
import {
  openTestSandbox,
  SANDBOX_TIMEOUTS,
  UNKNOWN_KEY,
  type TestSandbox,
} from '../core/test-utils.ts'
import { MEDIA_SEED } from './seed.ts'

vi.setConfig(SANDBOX_TIMEOUTS)

let sb: TestSandbox
beforeAll(async () => {
  sb = await openTestSandbox()
})
afterAll(() => sb.close())
beforeEach(() => sb.reset())

const tts = (body: unknown, init: { key?: string | null; path?: string } = {}) =>
  sb.call(init.path ?? '/api/v1/voice/tts', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    key: init.key,
  })

const transactions = async () =>
  (
    await sb.ctx.db.query<{ type: string; amount: string; description: string }>(
      `SELECT type, amount, description FROM credit_transactions
        WHERE organization_id = $1 AND description NOT LIKE 'Initial%'
          AND description NOT LIKE 'Sandbox%' ORDER BY created_at`,
      [SEED.organizationId],
    )
  ).rows

/** A WAV of a sine tone: stands in for a recorded voice sample. */
async function toneWav(frequency: number, seconds = 1): Promise<Buffer> {
  const run = await runFfmpeg([
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${frequency}:sample_rate=16000:duration=${seconds}`,
    '-f',
    'wav',
    'pipe:1',
  ])
  return run.stdout
}

/** Seconds and sample rate of an MP3, as ffmpeg reads it. */
async function mp3Info(mp3: Buffer) {
  const run = await runFfmpeg(['-i', 'pipe:0', '-f', 'null', '-'], { stdin: mp3 })
  const times = [...run.stderr.matchAll(/time=(\d+):(\d{2}):(\d{2}\.\d+)/g)]
  const last = times.at(-1)
  return {
    seconds: last ? Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3]) : 0,
    stream: /Audio: mp3, (\d+) Hz, mono/.exec(run.stderr)?.[1],
  }
}

/** Zero crossings per second of decoded audio: higher for a higher, brighter voice. */
async function crossingsPerSecond(audio: Buffer): Promise<number> {
  const run = await runFfmpeg(
    ['-loglevel', 'error', '-i', 'pipe:0', '-ac', '1', '-ar', '16000', '-f', 's16le', 'pipe:1'],
    { stdin: audio },
  )
  const pcm = new Int16Array(run.stdout.buffer, run.stdout.byteOffset, run.stdout.length >> 1)
  let crossings = 0
  for (let i = 1; i < pcm.length; i++) {
    if ((pcm[i - 1] ?? 0) < 0 !== (pcm[i] ?? 0) < 0) crossings++
  }
  return (crossings * 16_000) / pcm.length
}

function cloneForm(name: string, samples: Buffer[], extra: Record<string, string> = {}) {
  const form = new FormData()
  form.set('name', name)
  form.set('cloneType', 'instant')
  for (const [k, v] of Object.entries(extra)) form.set(k, v)
  samples.forEach((s, i) =>
    form.set(`file${i}`, new File([new Uint8Array(s)], `s${i}.wav`, { type: 'audio/wav' })),
  )
  return form
}
const clone = (form: FormData, key?: string | null) =>
  sb.call('/api/v1/voice/clone', { method: 'POST', body: form, key })

describe('POST /api/v1/voice/tts', () => {
  it('streams real MP3 speech, chunked, billed per character', async () => {
    const text = 'Hello from the sandbox. This is real synthesised speech.'
    const res = await tts({ text })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('audio/mpeg')
    expect(res.headers.get('cache-control')).toBe('no-cache')
    expect(res.headers.get('content-length')).toBeNull()
    const mp3 = Buffer.from(await res.arrayBuffer())
    // Starts with an MPEG-1 Layer III frame header (no ID3 tag, like a provider stream).
    expect(mp3[0]).toBe(0xff)
    expect((mp3[1] ?? 0) & 0xe0).toBe(0xe0)
    const info = await mp3Info(mp3)
    expect(info.stream).toBe('44100')
    expect(info.seconds).toBeGreaterThan(2)
    // flash: $0.00005 × 1.2 per character
    expect(await transactions()).toEqual([
      {
        type: 'debit',
        amount: (-text.length * 0.00006).toFixed(6),
        description: `Text-to-speech (${text.length} chars): eleven_flash_v2_5 (reserved)`,
      },
    ])
  })

  it('speaks differently per premade voice; the legacy alias is the same route', async () => {
    const a = Buffer.from(await (await tts({ text: 'Same words.' })).arrayBuffer())
    const b = Buffer.from(
      await (
        await tts(
          { text: 'Same words.', voiceId: 'pNInz6obpgDQGcFmaJgB' },
          { path: '/api/elevenlabs/tts' },
        )
      ).arrayBuffer(),
    )
    expect(a.length).toBeGreaterThan(1000)
    expect(b.equals(a)).toBe(false)
  })

  it('400s for text and voice; unpriced model 500; 402 with required', async () => {
    expect(await (await tts({})).json()).toEqual({ error: 'No text provided' })
    expect(await (await tts({ text: '' })).json()).toEqual({ error: 'No text provided' })
    const long = await tts({ text: 'x'.repeat(5001) })
    expect(long.status).toBe(400)
    expect(await long.json()).toEqual({ error: 'Text too long. Maximum length is 5000 characters' })
    const unpriced = await tts({ text: 'hi', modelId: 'eleven_turbo_v2' })
    expect(unpriced.status).toBe(500)
    expect(await unpriced.json()).toEqual({ error: 'Failed to generate speech. Please try again.' })
    expect(await transactions()).toEqual([])

    // An unknown voice (or the internal UUID) is found at the provider: charged, then refunded.
    const voice = await tts({ text: 'hi', voiceId: MEDIA_SEED.voiceId })
    expect(voice.status).toBe(400)
    expect(await voice.json()).toEqual({
      error: 'Invalid voice ID. Please select a different voice.',
    })
    expect((await transactions()).map((t) => t.type)).toEqual(['debit', 'refund'])

    await setBalance(sb.ctx.db, SEED.organizationId, 0)
    const poor = await tts({ text: 'x'.repeat(62) })
    expect(poor.status).toBe(402)
    expect(await poor.json()).toEqual({
      error: 'Insufficient credits for text-to-speech',
      required: 0.00372,
    })
  })

  it('401 Unauthorized for a bad key; E1 at the edge without credentials', async () => {
    const bad = await tts({ text: 'hi' }, { key: UNKNOWN_KEY })
    expect(bad.status).toBe(401)
    expect(await bad.json()).toEqual({ error: 'Unauthorized' })
    const none = await tts({ text: 'hi' }, { key: null })
    expect(none.status).toBe(401)
    expect(await none.json()).toMatchObject({ success: false, code: 'authentication_required' })
  })
})

describe('POST /api/v1/voice/stt', () => {
  const stt = (file: File | null, path = '/api/v1/voice/stt') => {
    const form = new FormData()
    if (file) form.set('audio', file)
    return sb.call(path, { method: 'POST', body: form })
  }

  it('transcribes audio the sandbox synthesised, billed by duration', async () => {
    const text = 'The quick brown fox.'
    const mp3 = new Uint8Array(await (await tts({ text })).arrayBuffer())
    const res = await stt(new File([mp3], 'speech.mp3', { type: 'audio/mpeg' }))
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.transcript).toBe(text)
    expect(typeof body.duration_ms).toBe('number')
    const [, sttRow] = await transactions()
    expect(sttRow?.description).toMatch(/^Speech-to-text \(\d+\.\ds\): scribe_v1 \(reserved\)$/)
  })

  it('answers other audio with the missing-provider 500, refunded', async () => {
    const wav = new Uint8Array(await toneWav(440))
    const res = await stt(new File([wav], 'tone.wav', { type: 'audio/wav' }))
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: 'Service not configured' })
    expect((await transactions()).map((t) => [t.type, t.amount])).toEqual([
      ['debit', '-0.000073'],
      ['refund', '0.000073'],
    ])
  })

  it('validates the upload (E5)', async () => {
    expect(await (await stt(null)).json()).toEqual({ error: 'No audio file provided' })
    const text = await stt(new File(['hello'], 'a.txt', { type: 'text/plain' }))
    expect(await text.json()).toEqual({
      error: 'Unsupported audio format: text/plain. Supported: mp3, mp4, m4a, wav, webm, ogg',
    })
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')
    const mislabelled = await stt(new File([png], 'a.mp3', { type: 'audio/mpeg' }))
    expect(await mislabelled.json()).toEqual({
      error:
        'File content does not match the declared format. Detected: image/png, Expected audio format.',
    })
    const junk = await stt(
      new File(['just text'], 'a.wav', { type: 'audio/wav' }),
      '/api/elevenlabs/stt',
    )
    expect(junk.status).toBe(400)
    expect(await junk.json()).toEqual({
      error: 'Unable to verify file type. The file may be corrupted or of an unsupported format.',
    })
    const json = await sb.call('/api/v1/voice/stt', { method: 'POST', body: '{}' })
    expect(json.status).toBe(500)
    expect(await json.json()).toEqual({ error: 'Failed to transcribe audio. Please try again.' })
  })
})

describe('POST /api/v1/voice/clone and the voice routes', () => {
  it('clones (201, $0.504) a voice whose speech differs audibly from another clone', async () => {
    const low = await clone(
      cloneForm('Low', [await toneWav(110), await toneWav(130)], {
        description: 'Deep',
        settings: '{"language":"en"}',
      }),
    )
    expect(low.status).toBe(201)
    const lowBody = await low.json()
    expect(lowBody).toMatchObject({
      success: true,
      voice: {
        name: 'Low',
        description: 'Deep',
        cloneType: 'instant',
        status: 'completed',
        sampleCount: 2,
      },
      job: { status: 'completed', progress: 100 },
      creditsDeducted: 0.504,
      estimatedCompletionTime: '30 seconds',
    })
    expect(lowBody.voice.elevenlabsVoiceId).toMatch(/^[A-Za-z0-9]{20}$/)
    const high = await (await clone(cloneForm('High', [await toneWav(900)]))).json()

    // The derived eSpeak parameters follow the samples: a brighter sample → a higher pitch.
    const synth = await sb.ctx.db.query<{ name: string; synth: { pitch: number; speed: number } }>(
      'SELECT name, synth FROM user_voices WHERE name IN ($1, $2) ORDER BY name',
      ['High', 'Low'],
    )
    const [hi, lo] = synth.rows
    expect(hi?.synth.pitch).toBeGreaterThan((lo?.synth.pitch ?? 0) + 20)

    const text = 'Testing one two three, this is my cloned voice.'
    const a = Buffer.from(
      await (await tts({ text, voiceId: lowBody.voice.elevenlabsVoiceId })).arrayBuffer(),
    )
    const b = Buffer.from(
      await (await tts({ text, voiceId: high.voice.elevenlabsVoiceId })).arrayBuffer(),
    )
    expect(a.equals(b)).toBe(false)
    const [ia, ib] = [await mp3Info(a), await mp3Info(b)]
    expect(ia.seconds).toBeGreaterThan(1)
    expect(ib.seconds).toBeGreaterThan(1)
    // Audibly different: another speaking rate, and the bright voice's speech crosses zero
    // clearly more often than the deep one's.
    expect(ia.seconds).not.toBe(ib.seconds)
    expect(await crossingsPerSecond(b)).toBeGreaterThan((await crossingsPerSecond(a)) * 1.15)

    // Own cloned voices cost × 1.1 and count their use.
    const rows = await transactions()
    expect(rows.at(-1)?.amount).toBe((-text.length * 0.00006 * 1.1).toFixed(6))
    const listed = await (await sb.call('/api/v1/voice/list')).json()
    expect(listed.voices.find((v: { name: string }) => v.name === 'Low').usageCount).toBe(1)
  })

  it('validates the form (E5), and a non-multipart body is an E2 500', async () => {
    const form = (entries: Record<string, string | File>) => {
      const f = new FormData()
      for (const [k, v] of Object.entries(entries)) f.set(k, v)
      return f
    }
    const wav = new File([new Uint8Array(await toneWav(200))], 'a.wav', { type: 'audio/wav' })
    const cases: [FormData, string][] = [
      [form({ name: 'x' }), 'Missing required fields: name, cloneType'],
      [
        form({ name: 'x', cloneType: 'fast' }),
        "Invalid cloneType. Must be 'instant' or 'professional'",
      ],
      [form({ name: 'x', cloneType: 'instant' }), 'At least one audio file is required'],
      [
        form({ name: 'x', cloneType: 'instant', file0: wav, settings: '{' }),
        'Invalid settings JSON',
      ],
    ]
    const eleven = form({ name: 'x', cloneType: 'instant' })
    for (let i = 0; i < 11; i++) eleven.set(`file${i}`, wav)
    cases.push([eleven, 'Maximum 10 files allowed'])
    for (const [body, error] of cases) {
      const res = await clone(body)
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ error })
    }
    const text = await clone(
      form({
        name: 'x',
        cloneType: 'instant',
        file0: new File(['hi'], 'a.txt', { type: 'text/plain' }),
      }),
    )
    expect(text.status).toBe(400)
    expect((await text.json()).error).toMatch(/^Invalid file type for a\.txt: text\/plain/)

    const json = await sb.call('/api/v1/voice/clone', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'hi', voice_id: 'x', model: 'eleven_turbo_v2' }),
    })
    expect(json.status).toBe(500)
    expect(await json.json()).toEqual({
      success: false,
      error: 'An unexpected error occurred',
      code: 'internal_error',
    })
    const unauth = await clone(form({ name: 'x' }), UNKNOWN_KEY)
    expect(unauth.status).toBe(401)
    expect(await unauth.json()).toEqual({
      success: false,
      error: 'Invalid or expired API key',
      code: 'authentication_required',
    })
    expect(await transactions()).toEqual([])
  })

  it('402 details, the professional limit, and an empty sample refunded as 500', async () => {
    const wav = await toneWav(200)
    const pro = cloneForm('Pro', [wav])
    pro.set('cloneType', 'professional')
    const first = await clone(pro)
    expect(first.status).toBe(201)
    expect((await first.json()).estimatedCompletionTime).toBe('30-60 minutes')
    const second = await clone(pro)
    expect(second.status).toBe(400)
    expect((await second.json()).error).toBe(
      'Professional voice limit reached. Delete an existing professional voice or use instant cloning instead.',
    )

    const empty = new FormData()
    empty.set('name', 'Empty')
    empty.set('cloneType', 'instant')
    empty.set('file0', new File([], 'empty.wav', { type: 'audio/wav' }))
    const failed = await clone(empty)
    expect(failed.status).toBe(500)
    expect(await failed.json()).toEqual({
      error: 'Failed to create voice clone. Credits have been refunded.',
      details: 'File empty.wav is empty',
    })
    expect((await transactions()).slice(-2).map((t) => [t.type, t.amount])).toEqual([
      ['debit', '-0.504000'],
      ['refund', '0.504000'],
    ])

    await setBalance(sb.ctx.db, SEED.organizationId, 0.5)
    const poor = await clone(cloneForm('Poor', [wav]))
    expect(poor.status).toBe(402)
    expect(await poor.json()).toEqual({
      error: 'Insufficient balance',
      details: { required: 0.504, cloneType: 'instant' },
    })
    expect(await getBalance(sb.ctx.db, SEED.organizationId)).toBe(0.5)
  })

  it('lists, reads, patches and soft-deletes voices; jobs are empty', async () => {
    const list = await (await sb.call('/api/v1/voice/list')).json()
    expect(list).toMatchObject({ success: true, total: 1, limit: 50, offset: 0, hasMore: false })
    expect(list.voices[0]).toMatchObject({
      id: MEDIA_SEED.voiceId,
      elevenlabsVoiceId: MEDIA_SEED.elevenlabsVoiceId,
      name: 'Narrator',
      cloneType: 'instant',
      totalAudioDurationSeconds: null,
      audioQualityScore: null,
      isActive: true,
      isPublic: false,
    })
    expect((await (await sb.call('/api/v1/voice/list?limit=0&offset=-3')).json()).limit).toBe(1)
    expect(await (await sb.call('/api/v1/voice/jobs')).json()).toEqual({
      success: true,
      jobs: [],
      total: 0,
    })

    const one = await (await sb.call(`/api/v1/voice/${MEDIA_SEED.voiceId}`)).json()
    expect(one.voice).toMatchObject({
      organizationId: SEED.organizationId,
      userId: SEED.userId,
      settings: { language: 'en' },
      creationCost: '0.50',
      samples: [],
    })
    const patched = await sb.call(`/api/elevenlabs/voices/${MEDIA_SEED.voiceId}`, {
      method: 'PATCH',
      body: JSON.stringify({ name: 'Storyteller', settings: { language: 'de' } }),
    })
    expect((await patched.json()).voice).toMatchObject({
      name: 'Storyteller',
      settings: { language: 'de' },
    })

    const deleted = await sb.call(`/api/v1/voice/${MEDIA_SEED.voiceId}`, { method: 'DELETE' })
    expect(await deleted.json()).toEqual({ success: true, message: 'Voice deleted successfully' })
    expect((await (await sb.call('/api/v1/voice/list')).json()).total).toBe(0)
    const all = await (await sb.call('/api/v1/voice/list?includeInactive=true')).json()
    expect(all.voices[0]).toMatchObject({ name: 'Storyteller', isActive: false })
    // A deleted voice no longer speaks.
    const gone = await tts({ text: 'hi', voiceId: MEDIA_SEED.elevenlabsVoiceId })
    expect(gone.status).toBe(400)
  })

  it('voice-by-id errors: non-UUID 400 with hint, 404 bodies, E2 auth', async () => {
    expect(await (await sb.call('/api/v1/voice/abc')).json()).toEqual({
      error: 'Invalid voice ID format',
      message: "Please use the internal voice ID (UUID format) from the 'List Voices' endpoint.",
      hint: 'Call GET /api/v1/voice/list to get your voice IDs',
    })
    expect((await (await sb.call('/api/elevenlabs/voices/abc')).json()).hint).toBe(
      'Call GET /api/elevenlabs/voices/user to get your voice IDs',
    )
    const missing = '5a4db0c0-0000-4000-8000-0000000009ff'
    const get = await sb.call(`/api/v1/voice/${missing}`)
    expect(get.status).toBe(404)
    expect((await get.json()).error).toBe('Voice not found')
    const patch = await sb.call(`/api/v1/voice/${missing}`, { method: 'PATCH', body: '{}' })
    expect(await patch.json()).toEqual({ error: 'Voice not found' })
    const unauth = await sb.call('/api/v1/voice/list', { key: UNKNOWN_KEY })
    expect(await unauth.json()).toMatchObject({ success: false, code: 'authentication_required' })
    // Static routes win over {id}; a wrong method on them is an empty 405.
    const wrong = await sb.call('/api/v1/voice/tts')
    expect(wrong.status).toBe(405)
    expect(await wrong.text()).toBe('')
  })

  it('legacy list validates its query; premade voices and verify', async () => {
    const bad = await sb.call('/api/elevenlabs/voices/user?limit=abc')
    expect(bad.status).toBe(400)
    const body = await bad.json()
    expect(body.error).toBe('Validation error')
    expect(body.details[0].path).toEqual(['limit'])
    expect((await (await sb.call('/api/elevenlabs/voices/user')).json()).total).toBe(1)

    const premade = await (await sb.call('/api/elevenlabs/voices')).json()
    expect(premade.voices.map((v: { voiceId: string }) => v.voiceId)).toContain(
      'EXAVITQu4vr4xnSDxMaL',
    )
    expect(premade.voices[0]).toMatchObject({ name: 'Sarah', category: 'premade' })

    const verify = await (
      await sb.call(`/api/elevenlabs/voices/verify/${MEDIA_SEED.voiceId}`)
    ).json()
    expect(verify).toMatchObject({
      success: true,
      voice: { id: MEDIA_SEED.voiceId, cloneType: 'instant' },
      status: { isReady: true, canGenerateTTS: true, category: 'cloned', sampleCount: 2 },
    })
    const unauth = await sb.call(`/api/elevenlabs/voices/verify/${MEDIA_SEED.voiceId}`, {
      key: UNKNOWN_KEY,
    })
    expect(unauth.status).toBe(500)
    expect(await unauth.json()).toEqual({ error: 'Failed to verify voice status' })
  })

  it('a professional clone trains for ten lifecycle steps before it can speak', async () => {
    sb.ctx.timing = { ...sb.ctx.timing, lifecycleStepMs: 60_000 }
    const pro = cloneForm('Trainee', [await toneWav(300)])
    pro.set('cloneType', 'professional')
    const { voice } = await (await clone(pro)).json()
    const status = await (await sb.call(`/api/elevenlabs/voices/verify/${voice.id}`)).json()
    expect(status.status).toMatchObject({
      isReady: false,
      canGenerateTTS: false,
      category: 'professional',
      fineTuningStatus: 'fine_tuning',
    })
    expect((await tts({ text: 'hi', voiceId: voice.elevenlabsVoiceId })).status).toBe(400)
    sb.ctx.timing = { ...sb.ctx.timing, lifecycleStepMs: 0 }
    expect((await tts({ text: 'hi', voiceId: voice.elevenlabsVoiceId })).status).toBe(200)
  })
})
