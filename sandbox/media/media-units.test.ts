// Pure helpers of the media family: drawing, byte ranges and audio sniffing.
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { parseRange } from './files.ts'
import { renderImage, sceneSvg } from './render-image.ts'
import { sniffMime } from './speech.ts'

describe('renderImage', () => {
  it('draws the same bytes for the same recipe and others for another seed or style', async () => {
    const recipe = {
      prompt: 'A red fox',
      seed: 7,
      width: 96,
      height: 64,
      mimeType: 'image/png' as const,
    }
    const a = await renderImage(recipe)
    expect((await renderImage(recipe)).equals(a)).toBe(true)
    expect((await renderImage({ ...recipe, seed: 8 })).equals(a)).toBe(false)
    expect((await renderImage({ ...recipe, stylePreset: 'line-art' })).equals(a)).toBe(false)
    const meta = await sharp(a).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 96, 64])
  })

  it('escapes the caption, so any prompt is valid SVG', async () => {
    const prompt = 'a <b>bold</b> & "quoted" \u0001 prompt'
    const svg = sceneSvg({ prompt, seed: 1, width: 400, height: 200 })
    expect(svg).not.toContain('<b>')
    expect(svg).not.toContain('\u0001')
    const png = await renderImage({
      prompt,
      seed: 1,
      width: 400,
      height: 200,
      mimeType: 'image/png',
    })
    expect((await sharp(png).metadata()).width).toBe(400)
  })
})

describe('parseRange', () => {
  it.each([
    [null, null],
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=90-', { start: 90, end: 99 }],
    ['bytes=95-200', { start: 95, end: 99 }],
    ['bytes=-5', { start: 95, end: 99 }],
    ['bytes=-500', { start: 0, end: 99 }],
    ['bytes=100-', 'invalid'],
    ['bytes=9-3', 'invalid'],
    ['bytes=-0', 'invalid'],
    ['items=0-1', 'invalid'],
    ['bytes=0-1,5-6', null],
  ])('%s of 100 bytes → %j', (header, expected) => {
    expect(parseRange(header, 100)).toEqual(expected)
  })
})

describe('sniffMime', () => {
  const bytes = (hex: string) => Buffer.from(hex, 'hex')
  it.each([
    [Buffer.concat([Buffer.from('RIFF'), bytes('00000000'), Buffer.from('WAVE')]), 'audio/wav'],
    [Buffer.from('ID3\u0004'), 'audio/mpeg'],
    [bytes('fffb9064'), 'audio/mpeg'],
    [Buffer.concat([bytes('00000020'), Buffer.from('ftypM4A ')]), 'audio/mp4'],
    [bytes('1a45dfa3'), 'audio/webm'],
    [Buffer.from('OggS'), 'audio/ogg'],
    [bytes('89504e470d0a1a0a'), 'image/png'],
    [bytes('ffd8ffe0'), 'image/jpeg'],
    [Buffer.from('hello'), null],
  ])('%#', (input, expected) => {
    expect(sniffMime(input)).toBe(expected)
  })
})
