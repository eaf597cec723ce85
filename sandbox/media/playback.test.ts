// The generated media as a browser sees them: Debian's Chromium plays the MP4 (H.264/AAC) from
// the sandbox over HTTP (seeking through Range requests) and the TTS MP3, and the files are
// still served after a restart because their bytes live in PGlite.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { chromium, type Browser } from '@playwright/test'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startSandbox } from '../server.ts'
import { SANDBOX_TIMEOUTS } from '../core/test-utils.ts'
import { INSTANT_TIMING } from '../core/timing.ts'

vi.setConfig({ ...SANDBOX_TIMEOUTS, testTimeout: 60_000 })

let dir: string
let browser: Browser
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'media-playback-'))
  browser = await chromium.launch({
    // The browser npm test found (scripts/chromium.mjs), else Debian's.
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  })
})
afterAll(async () => {
  await browser?.close()
  await rm(dir, { recursive: true, force: true })
})

const open = () => startSandbox({ port: 0, dataDir: dir, timing: INSTANT_TIMING })

describe('generated media in Chromium, across a restart', () => {
  it('plays and seeks the MP4 and plays the TTS MP3', async () => {
    let videoPath: string
    let mp3: Buffer
    const first = await open()
    try {
      const headers = { 'X-API-Key': first.apiKey, 'Content-Type': 'application/json' }
      const video = await fetch(`${first.url}/api/v1/generate-video`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          prompt: 'A paper boat drifting down a rainy street',
          model: 'fal-ai/veo3.1/lite',
        }),
      })
      expect(video.status).toBe(200)
      const url = new URL((await video.json()).video.url)
      expect(url.origin).toBe(first.url)
      videoPath = url.pathname
      const speech = await fetch(`${first.url}/api/v1/voice/tts`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: 'The sandbox can speak.' }),
      })
      expect(speech.headers.get('transfer-encoding')).toBe('chunked')
      mp3 = Buffer.from(await speech.arrayBuffer())
    } finally {
      await first.close()
    }

    // A new process on another port: same bytes, no key needed (like a public blob URL).
    const second = await open()
    try {
      const page = await browser.newPage()
      await page.setContent(
        `<video id="v" muted preload="auto" src="${second.url}${videoPath}"></video>`,
      )
      const result = await page.evaluate(async () => {
        const v = document.getElementById('v') as HTMLVideoElement
        const wait = (event: string) =>
          new Promise<void>((resolve, reject) => {
            v.addEventListener(event, () => resolve(), { once: true })
            v.addEventListener('error', () => reject(new Error(`media error ${v.error?.code}`)), {
              once: true,
            })
          })
        if (v.readyState < 1) await wait('loadedmetadata')
        await v.play()
        const playedFrom = v.currentTime
        await new Promise((r) => setTimeout(r, 400))
        const advanced = v.currentTime > playedFrom
        v.pause()
        v.currentTime = 6
        await wait('seeked')
        return {
          duration: v.duration,
          width: v.videoWidth,
          height: v.videoHeight,
          advanced,
          seekedTo: v.currentTime,
          h264: v.canPlayType('video/mp4; codecs="avc1.42E01E, mp4a.40.2"'),
        }
      })
      expect(result.h264).toBe('probably')
      expect(result.duration).toBeCloseTo(8, 0)
      expect([result.width, result.height]).toEqual([1280, 720])
      expect(result.advanced).toBe(true)
      expect(result.seekedTo).toBeCloseTo(6, 0)

      const audio = await page.evaluate(async (b64) => {
        const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))
        const a = new Audio(URL.createObjectURL(new Blob([bytes], { type: 'audio/mpeg' })))
        a.muted = true
        await new Promise<void>((resolve, reject) => {
          a.onloadedmetadata = () => resolve()
          a.onerror = () => reject(new Error(`audio error ${a.error?.code}`))
        })
        await a.play()
        return a.duration
      }, mp3.toString('base64'))
      expect(audio).toBeGreaterThan(1)
      await page.close()
    } finally {
      await second.close()
    }
  })
})
