// Image and video generation, the gallery and the served files, against docs/cloud/media.md §1–§3.
import sharp from 'sharp'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { getBalance, setBalance } from '../core/ledger.ts'
import { IMAGE_MODELS, VIDEO_MODELS } from './catalog.ts'
import { parseDuration, runFfmpeg } from './ffmpeg.ts'
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

const post = (path: string, body: unknown, init: { key?: string | null } = {}) =>
  sb.call(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  })

/** Fetches a URL the sandbox returned, through the app (path + query of the absolute URL). */
const fetchUrl = (url: string, init: RequestInit & { key?: string | null } = {}) => {
  const u = new URL(url)
  return sb.call(u.pathname + u.search, init)
}

const balance = () => getBalance(sb.ctx.db, SEED.organizationId)

const transactions = async () =>
  (
    await sb.ctx.db.query<{ type: string; amount: string; description: string }>(
      `SELECT type, amount, description FROM credit_transactions
        WHERE organization_id = $1 AND description NOT LIKE 'Initial%'
          AND description NOT LIKE 'Sandbox%' ORDER BY created_at`,
      [SEED.organizationId],
    )
  ).rows

/**
 * Starts a generation and leaves it as a closed tab would: aborted once its reservation is in the
 * ledger (the request is being held), with nobody reading the answer.
 */
async function abandon(path: string, body: unknown) {
  const controller = new AbortController()
  const pending = sb.call(path, {
    method: 'POST',
    body: JSON.stringify(body),
    signal: controller.signal,
  })
  await vi.waitFor(async () => expect((await transactions()).length).toBe(1), { timeout: 5000 })
  controller.abort()
  void pending.catch(() => undefined)
}

describe('POST /api/v1/generate-image', () => {
  it('returns real PNGs at the ratio’s pixel size, billed per image', async () => {
    const res = await post('/api/v1/generate-image', {
      prompt: 'A lighthouse on a cliff at dawn, watercolor',
      numImages: 2,
      aspectRatio: '16:9',
      stylePreset: 'low-poly',
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-ratelimit-limit')).toBe('60')
    const body = await res.json()
    expect(body.numImages).toBe(2)
    expect(body.images).toHaveLength(2)
    for (const image of body.images) {
      expect(Object.keys(image).sort()).toEqual(['fileSize', 'mimeType', 'text', 'url'])
      expect(image).toMatchObject({ text: '', mimeType: 'image/png' })
      expect(image.url).toMatch(
        /^http:\/\/localhost\/api\/v1\/generate-image\/files\/[0-9a-f-]{36}\.png$/,
      )
      const file = await fetchUrl(image.url, { key: null })
      expect(file.status).toBe(200)
      expect(file.headers.get('content-type')).toBe('image/png')
      const bytes = Buffer.from(await file.arrayBuffer())
      expect(bytes.length).toBe(image.fileSize)
      expect(file.headers.get('content-length')).toBe(String(bytes.length))
      expect(bytes.subarray(0, 8)).toEqual(
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      )
      const meta = await sharp(bytes).metadata()
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 1344, 768])
    }
    // Two images of the default model: $0.039 × 2 × 1.2 (the note's 402 example amount).
    expect(await balance()).toBeCloseTo(5 - 0.0936, 6)
    expect(await transactions()).toEqual([
      {
        type: 'debit',
        amount: '-0.093600',
        description: 'Image generation (2x): google/gemini-2.5-flash-image (reserved)',
      },
    ])
  })

  it('silently replaces an unknown model with the default; gpt-image-2 answers WebP', async () => {
    const unknown = await post('/api/v1/generate-image', { prompt: 'cat', model: 'flux-pro' })
    expect(unknown.status).toBe(200)
    expect((await unknown.json()).images[0].mimeType).toBe('image/png')
    const webp = await post('/api/v1/generate-image', {
      prompt: 'cat',
      model: 'openai/gpt-image-2',
      aspectRatio: '9:16',
    })
    const image = (await webp.json()).images[0]
    expect(image.mimeType).toBe('image/webp')
    const meta = await sharp(
      Buffer.from(await (await fetchUrl(image.url)).arrayBuffer()),
    ).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 1024, 1536])
    const tx = await transactions()
    expect(tx.map((t) => t.description)).toEqual([
      'Image generation (1x): google/gemini-2.5-flash-image (reserved)',
      'Image generation (1x): openai/gpt-image-2 (reserved)',
    ])
  })

  it('is deterministic: the same request draws the same picture, another prompt another', async () => {
    const bytesOf = async (prompt: string) => {
      const res = await post('/api/v1/generate-image', { prompt, aspectRatio: '1:1' })
      const url = (await res.json()).images[0].url
      return Buffer.from(await (await fetchUrl(url)).arrayBuffer())
    }
    const a = await bytesOf('Ocean waves at night')
    expect((await bytesOf('Ocean waves at night')).equals(a)).toBe(true)
    expect((await bytesOf('Desert sunset with camels')).equals(a)).toBe(false)
  })

  it('accepts any aspectRatio text; an unknown one gets the square default', async () => {
    const res = await post('/api/v1/generate-image', { prompt: 'x', aspectRatio: '5:7' })
    const url = (await res.json()).images[0].url
    const meta = await sharp(Buffer.from(await (await fetchUrl(url)).arrayBuffer())).metadata()
    expect([meta.width, meta.height]).toEqual([1024, 1024])
  })

  it('uses a sourceImage (image-to-image); an undecodable one produces nothing and is refunded', async () => {
    const red = await sharp({
      create: { width: 64, height: 64, channels: 3, background: { r: 255, g: 0, b: 0 } },
    })
      .png()
      .toBuffer()
    const ok = await post('/api/v1/generate-image', {
      prompt: 'make it blue',
      sourceImage: `data:image/png;base64,${red.toString('base64')}`,
    })
    expect(ok.status).toBe(200)
    const bad = await post('/api/v1/generate-image', {
      prompt: 'make it blue',
      sourceImage: 'data:image/png;base64,AAAA',
    })
    expect(bad.status).toBe(500)
    expect(await bad.json()).toEqual({ error: 'No images were generated' })
    expect((await transactions()).slice(1).map((t) => [t.type, t.amount])).toEqual([
      ['debit', '-0.046800'],
      ['refund', '0.046800'],
    ])
  })

  it('400 E5 for each validation failure, in the handler’s order, with no charge', async () => {
    const cases: [unknown, string][] = [
      [{}, 'Prompt is required and must be a non-empty string'],
      [{ prompt: '   ' }, 'Prompt is required and must be a non-empty string'],
      [{ prompt: 42 }, 'Prompt is required and must be a non-empty string'],
      [{ prompt: 'x'.repeat(4001) }, 'Prompt must be 4000 characters or fewer'],
      [{ prompt: 'x', numImages: 0 }, 'numImages must be an integer between 1 and 4'],
      [{ prompt: 'x', numImages: 5 }, 'numImages must be an integer between 1 and 4'],
      [{ prompt: 'x', numImages: 1.5 }, 'numImages must be an integer between 1 and 4'],
      [{ prompt: 'x', numImages: '2' }, 'numImages must be an integer between 1 and 4'],
      [{ prompt: 'x', sourceImage: 12 }, 'sourceImage must be a base64 data URL string'],
      [
        { prompt: 'x', sourceImage: 'https://x/y.png' },
        'sourceImage must be a base64 data URL string',
      ],
      [
        { prompt: 'x', sourceImage: `data:image/png;base64,${'A'.repeat(14_000_000)}` },
        'sourceImage exceeds maximum allowed size',
      ],
    ]
    for (const [body, error] of cases) {
      const res = await post('/api/v1/generate-image', body)
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({ error })
    }
    expect(await transactions()).toEqual([])
  })

  it('answers malformed JSON with 500 and the parser message', async () => {
    const res = await post('/api/v1/generate-image', '{"prompt":')
    expect(res.status).toBe(500)
    const body = await res.json()
    expect(Object.keys(body)).toEqual(['error'])
    expect(body.error).toMatch(/JSON/)
  })

  it('401 E5 for a missing or unknown key (public at the edge)', async () => {
    for (const key of [null, UNKNOWN_KEY]) {
      const res = await post('/api/v1/generate-image', { prompt: 'x' }, { key })
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({
        error: 'Authentication required. Provide a valid session or API key.',
      })
    }
  })

  it('402 with the reserved amount and no ledger row when the balance is short', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 0.05)
    const res = await post('/api/v1/generate-image', {
      prompt: 'x',
      numImages: 4,
      model: 'bfl/flux-kontext-max',
    })
    expect(res.status).toBe(402)
    expect(await res.json()).toEqual({
      error: 'Insufficient credits for image generation',
      required: 0.384,
    })
    expect(await balance()).toBe(0.05)
    const count = await sb.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM generations')
    expect(count.rows[0]?.n).toBe(2) // the two seeded demo items only
  })

  it('429 E10 after 60 requests a minute for the key', async () => {
    // Validation failures still count: the limiter wraps the whole handler.
    for (let i = 0; i < 60; i++) expect((await post('/api/v1/generate-image', {})).status).toBe(400)
    const res = await post('/api/v1/generate-image', {})
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await res.json()).toMatchObject({
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 60 requests per 60 seconds.',
    })
  })

  it('keeps the product description’s paths at 404 and other methods at 405', async () => {
    expect((await post('/api/v1/images/generate', { prompt: 'x' })).status).toBe(404)
    expect((await post('/api/v1/video/generate', { prompt: 'x' })).status).toBe(404)
    const get = await sb.call('/api/v1/generate-image')
    expect(get.status).toBe(405)
    expect(await get.text()).toBe('')
  })

  it('a client that leaves mid-run: the images are finished and stored, charged once', async () => {
    sb.ctx.timing = { ...sb.ctx.timing, imageDelayMs: 800 }
    await abandon('/api/v1/generate-image', { prompt: 'abandoned harbour', numImages: 2 })
    await vi.waitFor(
      async () => {
        const items = (await (await sb.call('/api/v1/gallery?type=image')).json()).items
        expect(
          items.filter((i: { prompt: string }) => i.prompt === 'abandoned harbour'),
        ).toHaveLength(2)
      },
      { timeout: 10_000, interval: 100 },
    )
    const rows = await transactions()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      type: 'debit',
      description: expect.stringMatching(/\(reserved\)$/),
    })
  })

  it('lists every catalogue model once', () => {
    expect(new Set(IMAGE_MODELS.map((m) => m.id)).size).toBe(5)
    expect(new Set(VIDEO_MODELS.map((m) => m.id)).size).toBe(VIDEO_MODELS.length)
  })
})

describe('served files', () => {
  let url: string
  let bytes: Buffer
  beforeEach(async () => {
    const res = await post('/api/v1/generate-image', { prompt: 'ranges', aspectRatio: '1:1' })
    url = (await res.json()).images[0].url
    bytes = Buffer.from(await (await fetchUrl(url, { key: null })).arrayBuffer())
  })

  it('answers byte ranges with 206 and Content-Range', async () => {
    const res = await fetchUrl(url, { key: null, headers: { Range: 'bytes=8-23' } })
    expect(res.status).toBe(206)
    expect(res.headers.get('content-range')).toBe(`bytes 8-23/${bytes.length}`)
    expect(res.headers.get('content-length')).toBe('16')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(8, 24))).toBe(true)

    const suffix = await fetchUrl(url, { key: null, headers: { Range: 'bytes=-10' } })
    expect(suffix.status).toBe(206)
    expect(Buffer.from(await suffix.arrayBuffer()).equals(bytes.subarray(-10))).toBe(true)
    const open = await fetchUrl(url, {
      key: null,
      headers: { Range: `bytes=${bytes.length - 5}-` },
    })
    expect(open.headers.get('content-range')).toBe(
      `bytes ${bytes.length - 5}-${bytes.length - 1}/${bytes.length}`,
    )
  })

  it('416 for an unsatisfiable range, 404 for an unknown file or the wrong kind', async () => {
    const res = await fetchUrl(url, { headers: { Range: `bytes=${bytes.length}-` } })
    expect(res.status).toBe(416)
    expect(res.headers.get('content-range')).toBe(`bytes */${bytes.length}`)
    const id = new URL(url).pathname.split('/').pop() ?? ''
    expect((await sb.call(`/api/v1/generate-video/files/${id}`)).status).toBe(404)
    expect(
      (await sb.call(`/api/v1/generate-image/files/${id.replace('.png', '.webp')}`)).status,
    ).toBe(404)
    expect((await sb.call('/api/v1/generate-image/files/not-a-uuid.png')).status).toBe(404)
  })
})

describe('GET /api/v1/gallery', () => {
  it('lists the seeded demo images (rendered on first read), newest first', async () => {
    const res = await sb.call('/api/v1/gallery')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ count: 2, offset: 0, limit: 100, hasMore: false })
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([
      MEDIA_SEED.generationIds[1],
      MEDIA_SEED.generationIds[0],
    ])
    const item = body.items[0]
    expect(item).toMatchObject({
      type: 'image',
      thumbnailUrl: null,
      negativePrompt: null,
      model: 'google/gemini-2.5-flash-image',
      provider: 'google',
      status: 'completed',
      dimensions: null,
      mimeType: 'image/png',
      metadata: {},
    })
    expect(typeof item.fileSize).toBe('string')
    const file = await fetchUrl(item.url)
    expect(file.headers.get('content-length')).toBe(item.fileSize)
  })

  it('adds new generations, filters by type and pages', async () => {
    await post('/api/v1/generate-image', { prompt: 'one more', numImages: 2 })
    const images = await (await sb.call('/api/v1/gallery?type=image&limit=3')).json()
    expect(images).toMatchObject({ count: 3, limit: 3, hasMore: true })
    expect(images.items[0].prompt).toBe('one more')
    const page2 = await (await sb.call('/api/v1/gallery?limit=3&offset=3')).json()
    expect(page2).toMatchObject({ count: 1, offset: 3, hasMore: false })
    expect((await (await sb.call('/api/v1/gallery?type=video')).json()).items).toEqual([])
  })

  it('400 Validation error with zod issues; auth failures are E5 with their status', async () => {
    for (const q of ['type=audio', 'limit=0', 'limit=1001', 'offset=-1']) {
      const res = await sb.call(`/api/v1/gallery?${q}`)
      expect(res.status).toBe(400)
      const body = await res.json()
      expect(body.error).toBe('Validation error')
      expect(Array.isArray(body.details)).toBe(true)
    }
    const res = await sb.call('/api/v1/gallery', { key: UNKNOWN_KEY })
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'Invalid or expired API key' })
  })
})

describe('POST /api/v1/generate-video', () => {
  it('returns a playable H.264 MP4 of the model’s length, billed per request', async () => {
    const model = 'fal-ai/minimax/hailuo-2.3/standard/text-to-video'
    const res = await post('/api/v1/generate-video', {
      prompt: 'Waves rolling onto a beach',
      model,
      duration: 30,
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-ratelimit-limit')).toBe('5')
    const body = await res.json()
    expect(body).toMatchObject({
      video: { content_type: 'video/mp4', width: 1280, height: 720, file_name: 'output.mp4' },
      has_nsfw_concepts: [false],
    })
    expect(body).not.toHaveProperty('success')
    expect(body).not.toHaveProperty('model')
    expect(typeof body.seed).toBe('number')
    expect(typeof body.timings.inference).toBe('number')
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/)
    const file = await fetchUrl(body.video.url, { key: null })
    expect(file.headers.get('content-type')).toBe('video/mp4')
    const mp4 = Buffer.from(await file.arrayBuffer())
    expect(mp4.length).toBe(body.video.file_size)
    expect(mp4.subarray(4, 8).toString('latin1')).toBe('ftyp')
    // +faststart: the moov box comes before mdat.
    expect(mp4.indexOf('moov')).toBeLessThan(mp4.indexOf('mdat'))
    const probe = await runFfmpeg(['-i', 'pipe:0'], { stdin: mp4, allowFailure: true })
    expect(probe.stderr).toMatch(/Video: h264 .*yuv420p.*1280x720/)
    // Duration ignored: Hailuo's fixed 6 s (docs/cloud/media.md §2).
    expect(parseDuration(probe.stderr)).toBeCloseTo(6, 0)
    // $0.28 per request × 1.2
    expect(await transactions()).toEqual([
      { type: 'debit', amount: '-0.336000', description: `Video generation: ${model} (reserved)` },
    ])
    const gallery = await (await sb.call('/api/v1/gallery?type=video')).json()
    expect(gallery.items[0]).toMatchObject({ dimensions: { width: 1280, height: 720 }, model })
  })

  it('400 with validModels for an unknown model, 400 for a blank prompt', async () => {
    const res = await post('/api/v1/generate-video', { prompt: 'x', model: 'minimax-01' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'Invalid model specified',
      validModels: VIDEO_MODELS.map((m) => m.id),
    })
    const blank = await post('/api/v1/generate-video', { prompt: '  ' })
    expect(await blank.json()).toEqual({
      error: 'Prompt is required and must be a non-empty string',
    })
    const bad = await post('/api/v1/generate-video', 'nope')
    expect(bad.status).toBe(500)
    expect(await bad.json()).toMatchObject({
      error: 'Video generation failed. Please try again.',
      isFallback: true,
    })
  })

  it('402 with the default model’s quote; auth errors E5 without using the limiter', async () => {
    await setBalance(sb.ctx.db, SEED.organizationId, 1)
    const res = await post('/api/v1/generate-video', { prompt: 'x' })
    expect(res.status).toBe(402)
    expect(await res.json()).toEqual({
      error: 'Insufficient credits for video generation',
      required: 3.84,
    })
    for (let i = 0; i < 6; i++) {
      const unauth = await post('/api/v1/generate-video', { prompt: 'x' }, { key: UNKNOWN_KEY })
      expect(unauth.status).toBe(401)
      expect(await unauth.json()).toEqual({ error: 'Invalid or expired API key' })
    }
  })

  it('429 after 5 requests in 5 minutes', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await post('/api/v1/generate-video', { prompt: '' })).status).toBe(400)
    }
    const res = await post('/api/v1/generate-video', { prompt: 'x' })
    expect(res.status).toBe(429)
    expect(await res.json()).toMatchObject({
      message: 'Rate limit exceeded. Maximum 5 requests per 300 seconds.',
    })
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(240)
  })

  it('a client that leaves mid-run: the video is finished and stored, charged exactly once', async () => {
    sb.ctx.timing = { ...sb.ctx.timing, videoDelayMs: 1_500 }
    // Nobody reads the answer any more; the run still ends and its result is kept.
    await abandon('/api/v1/generate-video', {
      prompt: 'left behind',
      model: 'fal-ai/kling-video/v2.6/pro/text-to-video',
    })
    await vi.waitFor(
      async () => {
        const items = (await (await sb.call('/api/v1/gallery?type=video')).json()).items
        expect(items.map((i: { prompt: string }) => i.prompt)).toEqual(['left behind'])
      },
      { timeout: 20_000, interval: 100 },
    )
    expect(await transactions()).toEqual([
      {
        type: 'debit',
        amount: '-0.420000',
        description: 'Video generation: fal-ai/kling-video/v2.6/pro/text-to-video (reserved)',
      },
    ])
  })

  it('a reset ends a held video without writing into the fresh data', async () => {
    sb.ctx.timing = { ...sb.ctx.timing, videoDelayMs: 60_000 }
    const pending = post('/api/v1/generate-video', { prompt: 'cut by a reset' })
    await vi.waitFor(async () => expect((await transactions()).length).toBe(1), { timeout: 5000 })
    await sb.reset()
    expect((await pending).status).toBe(500)
    expect(await transactions()).toEqual([])
    expect(await balance()).toBe(5)
  })
})
