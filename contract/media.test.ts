// Contract: every media answer the console reads (image, video, gallery, voice), produced by the
// in-process sandbox and read with the console's own schemas and error reader
// (src/features/media/**/api/, src/lib/api-error.ts). A drift on either side fails here.
import { beforeEach, describe, expect, it } from 'vitest'
import { galleryPageSchema } from '@/features/media/shared/gallery'
import { generatedImagesSchema } from '@/features/media/image/api/schemas'
import { videoResultSchema } from '@/features/media/video/api/schemas'
import { cloneFormData, ttsBody, type CloneInput } from '@/features/media/voice/api/voice-requests'
import {
  cloneResponseSchema,
  premadeVoicesSchema,
  voiceListSchema,
} from '@/features/media/voice/api/schemas'
import { setBalance } from '../sandbox/core/ledger.ts'
import { SEED } from '../sandbox/core/seed.ts'
import { runFfmpeg } from '../sandbox/media/ffmpeg.ts'
import { MEDIA_SEED } from '../sandbox/media/seed.ts'
import { contractFor } from './harness.ts'

const contract = contractFor(['media'])
const { parses, refuses, unread } = contract
beforeEach(() => contract.sb.reset())

const NO_KEY = { key: null }
const OTHER_UUID = '00000000-0000-4000-8000-000000000000'
const json = (method: string, path: string, body: unknown, init: { key?: string | null } = {}) =>
  contract.sb.call(path, {
    method,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
    ...init,
  })
const broke = () => setBalance(contract.sb.ctx.db, SEED.organizationId, 0)
const pathOf = (url: string) => new URL(url).pathname

/** A WAV of a sine tone: stands in for a recorded voice sample. */
async function toneWav(): Promise<File> {
  const run = await runFfmpeg([
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=220:sample_rate=16000:duration=1',
    '-f',
    'wav',
    'pipe:1',
  ])
  return new File([new Uint8Array(run.stdout)], 'sample.wav', { type: 'audio/wav' })
}

/** MP3 bytes from the sandbox's own TTS (the only audio its STT recognises). */
async function spoken(text: string): Promise<File> {
  const res = await json('POST', '/api/v1/voice/tts', ttsBody(ttsInput(text)))
  expect(res.status).toBe(200)
  return new File([await res.arrayBuffer()], 'speech.mp3', { type: 'audio/mpeg' })
}
const ttsInput = (text: string) => ({
  text,
  voiceId: MEDIA_SEED.elevenlabsVoiceId,
  modelId: 'eleven_flash_v2_5' as const,
})

const cloneInput = (files: File[], name = 'Contract voice'): CloneInput => ({
  name,
  description: 'Made by the contract',
  cloneType: 'instant',
  files,
})
const postForm = (path: string, form: FormData, init: { key?: string | null } = {}) =>
  contract.sb.call(path, { method: 'POST', body: form, ...init })

describe('images and videos', () => {
  it('POST generate-image: 200 with generatedImagesSchema, its file served whole and by range', async () => {
    const body = await parses(
      await json('POST', '/api/v1/generate-image', { prompt: 'A red kite', numImages: 1 }),
      generatedImagesSchema,
    )
    expect(body.numImages).toBe(1)
    const url = body.images[0]?.url ?? ''
    expect(url).toMatch(/\/api\/v1\/generate-image\/files\/[^/]+\.(png|webp)$/)
    const { items } = await parses(
      await contract.sb.call('/api/v1/gallery?type=image&limit=24&offset=0'),
      galleryPageSchema,
    )
    expect(items[0]).toMatchObject({ url, type: 'image', prompt: 'A red kite' })
    const why = 'the browser loads the file in an <img>; the console never reads its bytes'
    await unread(await contract.sb.call(pathOf(url), NO_KEY), 200, why)
    await unread(
      await contract.sb.call(pathOf(url), { key: null, headers: { Range: 'bytes=0-9' } }),
      206,
      why,
    )
    await unread(
      await contract.sb.call(pathOf(url), {
        key: null,
        headers: { Range: 'bytes=999999999-' },
      }),
      416,
      why,
    )
    await unread(
      await contract.sb.call(`/api/v1/generate-image/files/${OTHER_UUID}.png`, NO_KEY),
      404,
      why,
    )
  })

  it('POST generate-image: 400, 401, 402, 500 read as the console acts on them', async () => {
    expect((await refuses(await json('POST', '/api/v1/generate-image', {}), 400)).kind).toBe(
      'invalid',
    )
    expect(
      (await refuses(await json('POST', '/api/v1/generate-image', { prompt: 'x' }, NO_KEY), 401))
        .kind,
    ).toBe('unauthorized')
    expect((await refuses(await json('POST', '/api/v1/generate-image', '{'), 500)).kind).toBe(
      'server',
    )
    await broke()
    const poor = await refuses(await json('POST', '/api/v1/generate-image', { prompt: 'x' }), 402)
    expect(poor.kind).toBe('insufficient_credits')
    expect(poor.details.requiredUsd).toBeGreaterThan(0)
  })

  it('POST generate-image: 429 (STANDARD, counted before auth) gives a countdown', async () => {
    let res = await json('POST', '/api/v1/generate-image', {}, NO_KEY)
    for (let i = 0; i < 70 && res.status !== 429; i++) {
      await res.arrayBuffer()
      res = await json('POST', '/api/v1/generate-image', {}, NO_KEY)
    }
    const limited = await refuses(res, 429)
    expect(limited.kind).toBe('rate_limited')
    expect(limited.details.retryAfterSec).toBeGreaterThan(0)
  })

  it('POST generate-video: 200 with videoResultSchema, its file served whole and by range', async () => {
    const video = await parses(
      await json('POST', '/api/v1/generate-video', { prompt: 'Waves on a beach' }),
      videoResultSchema,
    )
    const url = video.video.url
    const { items } = await parses(
      await contract.sb.call('/api/v1/gallery?type=video&limit=24'),
      galleryPageSchema,
    )
    expect(items[0]).toMatchObject({ url, type: 'video', mimeType: 'video/mp4' })
    expect(items[0]?.dimensions).toEqual({ width: video.video.width, height: video.video.height })
    expect(url).toMatch(/\/api\/v1\/generate-video\/files\/[^/]+\.mp4$/)
    const why = 'the browser plays the file in a <video>; the console never reads its bytes'
    await unread(await contract.sb.call(pathOf(url), NO_KEY), 200, why)
    await unread(
      await contract.sb.call(pathOf(url), { key: null, headers: { Range: 'bytes=0-99' } }),
      206,
      why,
    )
    await unread(
      await contract.sb.call(pathOf(url), {
        key: null,
        headers: { Range: 'bytes=999999999-' },
      }),
      416,
      why,
    )
    await unread(
      await contract.sb.call(`/api/v1/generate-video/files/${OTHER_UUID}.mp4`, NO_KEY),
      404,
      why,
    )
  })

  it('POST generate-video: 400, 401, 402, 500 and the CRITICAL 429', async () => {
    const blank = await refuses(await json('POST', '/api/v1/generate-video', { prompt: ' ' }), 400)
    expect(blank.kind).toBe('invalid')
    expect(blank.message).toMatch(/Prompt is required/)
    expect(
      (await refuses(await json('POST', '/api/v1/generate-video', { prompt: 'x' }, NO_KEY), 401))
        .kind,
    ).toBe('unauthorized')
    await broke()
    const poor = await refuses(await json('POST', '/api/v1/generate-video', { prompt: 'x' }), 402)
    expect(poor.kind).toBe('insufficient_credits')
    expect(poor.details.requiredUsd).toBeGreaterThan(0)
    // The two calls above used 2 of the 5; malformed JSON is a 500 (generation failed).
    for (let i = 0; i < 3; i++) {
      expect((await refuses(await json('POST', '/api/v1/generate-video', '{'), 500)).kind).toBe(
        'server',
      )
    }
    const limited = await refuses(
      await json('POST', '/api/v1/generate-video', { prompt: 'x' }),
      429,
    )
    expect(limited.kind).toBe('rate_limited')
    expect(limited.details.retryAfterSec).toBeGreaterThan(0)
  })

  it('GET gallery: 200 with galleryPageSchema, 400 on a bad type, 401 without a key', async () => {
    const page = await parses(
      await contract.sb.call('/api/v1/gallery?type=image&limit=24&offset=0'),
      galleryPageSchema,
    )
    expect(page.items.map((i) => i.id)).toEqual([
      MEDIA_SEED.generationIds[1],
      MEDIA_SEED.generationIds[0],
    ])
    expect(page.items[0]?.fileSize).toMatch(/^\d+$/)
    expect((await refuses(await contract.sb.call('/api/v1/gallery?type=audio'), 400)).kind).toBe(
      'invalid',
    )
    expect((await refuses(await contract.sb.call('/api/v1/gallery', NO_KEY), 401)).kind).toBe(
      'unauthorized',
    )
  })
})

describe('voice: speech', () => {
  for (const path of ['/api/v1/voice/tts', '/api/elevenlabs/tts']) {
    it(`POST ${path}: MP3 200; 400, 401, 402, 500`, async () => {
      const ok = await json('POST', path, ttsBody(ttsInput('Hello there.')))
      expect(ok.headers.get('content-type')).toBe('audio/mpeg')
      await unread(ok, 200, 'MP3 bytes: speak() reads them into a Blob, no schema')
      expect((await refuses(await json('POST', path, { text: '' }), 400)).message).toBe(
        'No text provided',
      )
      expect(
        (await refuses(await json('POST', path, { text: 'x', voiceId: 'nope' }), 400)).message,
      ).toMatch(/Invalid voice ID/)
      expect((await refuses(await json('POST', path, { text: 'x' }, NO_KEY), 401)).kind).toBe(
        'unauthorized',
      )
      expect(
        (await refuses(await json('POST', path, { text: 'x', modelId: 'unpriced' }), 500)).kind,
      ).toBe('server')
      await broke()
      const poor = await refuses(await json('POST', path, { text: 'x' }), 402)
      expect(poor.kind).toBe('insufficient_credits')
      expect(poor.details.requiredUsd).toBeGreaterThan(0)
    })
  }

  for (const path of ['/api/v1/voice/stt', '/api/elevenlabs/stt']) {
    it(`POST ${path}: transcript 200; 400, 401, 402, 500`, async () => {
      const speech = await spoken('The kite flies high.')
      const form = (audio?: File) => {
        const f = new FormData()
        if (audio) f.set('audio', audio)
        return f
      }
      const heard = await postForm(path, form(speech))
      const { transcript } = (await heard.clone().json()) as { transcript: string }
      await unread(heard, 200, 'the console has no speech-to-text screen')
      expect(transcript).toBe('The kite flies high.')
      expect((await refuses(await postForm(path, form()), 400)).message).toBe(
        'No audio file provided',
      )
      expect((await refuses(await postForm(path, form(speech), NO_KEY), 401)).kind).toBe(
        'unauthorized',
      )
      expect((await refuses(await postForm(path, form(await toneWav())), 500)).message).toBe(
        'Service not configured',
      )
      await broke()
      const poor = await refuses(await postForm(path, form(speech)), 402)
      expect(poor.kind).toBe('insufficient_credits')
      expect(poor.details.requiredUsd).toBeGreaterThan(0)
    })
  }
})

describe('voice: cloning and my voices', () => {
  for (const path of ['/api/v1/voice/clone', '/api/elevenlabs/voices/clone']) {
    it(`POST ${path}: 201 with cloneResponseSchema; 400, 401, 402, 500`, async () => {
      const sample = await toneWav()
      const made = await parses(
        await postForm(path, cloneFormData(cloneInput([sample]))),
        cloneResponseSchema,
        201,
      )
      expect(made.voice).toMatchObject({ name: 'Contract voice', cloneType: 'instant' })
      expect(made.creditsDeducted).toBeGreaterThan(0)
      // Reconciliation finds it in the list (voice/api/recovery.ts).
      const list = await parses(
        await contract.sb.call('/api/v1/voice/list?limit=100'),
        voiceListSchema,
      )
      expect(list.voices[0]).toMatchObject({ id: made.voice.id, name: 'Contract voice' })
      const noName = cloneFormData(cloneInput([sample]))
      noName.delete('name')
      expect((await refuses(await postForm(path, noName), 400)).message).toMatch(
        /Missing required fields/,
      )
      expect(
        (await refuses(await postForm(path, cloneFormData(cloneInput([sample])), NO_KEY), 401))
          .kind,
      ).toBe('unauthorized')
      // An empty sample fails inside the cloning service: refunded 500.
      const empty = new File([], 'empty.wav', { type: 'audio/wav' })
      expect(
        (await refuses(await postForm(path, cloneFormData(cloneInput([empty]))), 500)).kind,
      ).toBe('server')
      // A body that is not multipart at all: the cloud's E2 500.
      expect((await refuses(await json('POST', path, { name: 'x' }), 500)).kind).toBe('server')
      await broke()
      const poor = await refuses(await postForm(path, cloneFormData(cloneInput([sample]))), 402)
      expect(poor.kind).toBe('insufficient_credits')
      expect(poor.details.requiredUsd).toBeGreaterThan(0)
    })
  }

  it('GET voice/list: 200 with voiceListSchema, 401 without a key', async () => {
    const list = await parses(
      await contract.sb.call('/api/v1/voice/list?limit=100'),
      voiceListSchema,
    )
    expect(list.voices.map((v) => v.id)).toEqual([MEDIA_SEED.voiceId])
    expect((await refuses(await contract.sb.call('/api/v1/voice/list', NO_KEY), 401)).kind).toBe(
      'unauthorized',
    )
  })

  it('GET elevenlabs/voices (library): 200 with premadeVoicesSchema, 401 without a key', async () => {
    const { voices } = await parses(
      await contract.sb.call('/api/elevenlabs/voices'),
      premadeVoicesSchema,
    )
    expect(voices.length).toBeGreaterThan(0)
    expect(
      (await refuses(await contract.sb.call('/api/elevenlabs/voices', NO_KEY), 401)).kind,
    ).toBe('unauthorized')
  })

  it('legacy list, jobs and verify: routes the console never calls', async () => {
    await unread(
      await contract.sb.call('/api/elevenlabs/voices/user?limit=10'),
      200,
      'the console lists voices with /api/v1/voice/list',
    )
    await refuses(await contract.sb.call('/api/elevenlabs/voices/user?limit=abc'), 400)
    await refuses(await contract.sb.call('/api/elevenlabs/voices/user', NO_KEY), 401)
    for (const path of ['/api/v1/voice/jobs', '/api/elevenlabs/voices/jobs']) {
      await unread(
        await contract.sb.call(path),
        200,
        'cloning is synchronous: the console never lists jobs',
      )
      await refuses(await contract.sb.call(path, NO_KEY), 401)
    }
    await unread(
      await contract.sb.call(`/api/elevenlabs/voices/verify/${MEDIA_SEED.voiceId}`),
      200,
      'the console never verifies a voice: instant clones are ready at once',
    )
    await refuses(await contract.sb.call(`/api/elevenlabs/voices/verify/${OTHER_UUID}`), 404)
    await refuses(await contract.sb.call('/api/elevenlabs/voices/verify/not-a-uuid'), 500)
  })

  for (const base of ['/api/v1/voice', '/api/elevenlabs/voices']) {
    const legacy = base !== '/api/v1/voice'
    it(`GET/PATCH/DELETE ${base}/{id}: 200, 400 on a non-UUID, 404 elsewhere`, async () => {
      const one = `${base}/${MEDIA_SEED.voiceId}`
      const got = await contract.sb.call(one)
      await unread(got, 200, 'the console reads voices from the list, never one by id')
      await refuses(await contract.sb.call(`${base}/not-a-uuid`), 400)
      for (const method of ['GET', 'PATCH', 'DELETE']) {
        expect((await refuses(await contract.sb.call(one, { method, key: null }), 401)).kind).toBe(
          'unauthorized',
        )
      }
      expect((await refuses(await json('PATCH', one, '{'), 500)).kind).toBe('server')
      expect((await refuses(await contract.sb.call(`${base}/${OTHER_UUID}`), 404)).kind).toBe(
        'not_found',
      )

      // The console's rename and delete wait for success only (voice/api/mutations.ts).
      const renamed = await json('PATCH', one, { name: 'Storyteller' })
      if (legacy) await unread(renamed, 200, 'the console renames through /api/v1/voice/{id}')
      else await unread(renamed, 200, 'useRenameVoice reads no body: it refetches the list')
      expect(
        (await refuses(await json('PATCH', `${base}/not-a-uuid`, { name: 'x' }), 400)).kind,
      ).toBe('invalid')
      expect(
        (await refuses(await json('PATCH', `${base}/${OTHER_UUID}`, { name: 'x' }), 404)).kind,
      ).toBe('not_found')

      const deleted = await contract.sb.call(one, { method: 'DELETE' })
      await unread(deleted, 200, 'useDeleteVoice reads no body: it refetches the list')
      await refuses(await contract.sb.call(`${base}/not-a-uuid`, { method: 'DELETE' }), 400)
      expect(
        (await refuses(await contract.sb.call(`${base}/${OTHER_UUID}`, { method: 'DELETE' }), 404))
          .kind,
      ).toBe('not_found')
    })
  }
})
