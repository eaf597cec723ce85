import { describe, expect, it } from 'vitest'
import { maxReferenceBytes, PROMPT_MAX, SOURCE_IMAGE_MAX_CHARS } from './constants'
import { checkReferenceFile } from './reference'
import { DEFAULT_FORM, planRestore } from './restore'
import { galleryPageSchema, imageFormInput, imageRequestBody } from './schemas'

describe('image form limits (docs/cloud/media.md §1)', () => {
  const valid = { ...DEFAULT_FORM, prompt: 'a fox' }
  it('accepts 4000 characters and refuses 4001', () => {
    expect(imageFormInput.safeParse({ ...valid, prompt: 'x'.repeat(PROMPT_MAX) }).success).toBe(
      true,
    )
    expect(imageFormInput.safeParse({ ...valid, prompt: 'x'.repeat(PROMPT_MAX + 1) }).success).toBe(
      false,
    )
  })
  it('refuses a blank prompt and 5 images', () => {
    expect(imageFormInput.safeParse({ ...valid, prompt: '   ' }).success).toBe(false)
    expect(imageFormInput.safeParse({ ...valid, numImages: 5 }).success).toBe(false)
  })
})

describe('request body', () => {
  it('leaves out the none style and a missing reference', () => {
    expect(imageRequestBody({ ...DEFAULT_FORM, prompt: 'p', reference: null })).toEqual({
      prompt: 'p',
      numImages: 1,
      aspectRatio: '1:1',
      model: 'google/gemini-2.5-flash-image',
    })
  })
  it('sends the reference as sourceImage', () => {
    const body = imageRequestBody({
      ...DEFAULT_FORM,
      prompt: 'p',
      stylePreset: 'origami',
      reference: {
        name: 'a.png',
        type: 'image/png',
        size: 3,
        dataUrl: 'data:image/png;base64,AAA',
      },
    })
    expect(body).toMatchObject({ stylePreset: 'origami', sourceImage: 'data:image/png;base64,AAA' })
  })
})

describe('reference checks', () => {
  it('the largest allowed file fits the 14,000,000-character data URL', () => {
    const max = maxReferenceBytes('image/png')
    const chars = 'data:image/png;base64,'.length + Math.ceil(max / 3) * 4
    expect(chars).toBeLessThanOrEqual(SOURCE_IMAGE_MAX_CHARS)
    expect(chars + 4).toBeGreaterThan(SOURCE_IMAGE_MAX_CHARS)
    expect(checkReferenceFile({ name: 'a.png', type: 'image/png', size: max })).toBeNull()
    expect(checkReferenceFile({ name: 'a.png', type: 'image/png', size: max + 1 })).toMatch(/up to/)
  })
  it('refuses other types and empty files', () => {
    expect(checkReferenceFile({ name: 'a.svg', type: 'image/svg+xml', size: 10 })).toMatch(
      /not a PNG/,
    )
    expect(checkReferenceFile({ name: 'a.png', type: 'image/png', size: 0 })).toMatch(/empty/)
  })
})

describe('restore', () => {
  const saved = {
    prompt: 'p',
    numImages: 3,
    aspectRatio: '9:16' as const,
    stylePreset: 'cinematic' as const,
    model: 'openai/gpt-image-2',
    referenceKey: 'r1',
    referenceName: 'a.png',
    savedAt: 1,
  }
  it('brings back everything saved in this browser', () => {
    const plan = planRestore({ prompt: 'fox', model: 'openai/gpt-image-2' }, saved)
    expect(plan).toEqual({
      values: {
        prompt: 'fox',
        model: 'openai/gpt-image-2',
        numImages: 3,
        aspectRatio: '9:16',
        stylePreset: 'cinematic',
      },
      referenceKey: 'r1',
      missing: [],
    })
  })
  it('names what the gallery cannot give for items made elsewhere', () => {
    const plan = planRestore({ prompt: 'fox', model: 'google/gemini-3-pro-image' }, null)
    expect(plan.values).toEqual({
      ...DEFAULT_FORM,
      prompt: 'fox',
      model: 'google/gemini-3-pro-image',
    })
    expect(plan.missing).toEqual([
      'number of images',
      'aspect ratio',
      'style preset',
      'reference image (if any)',
    ])
  })
  it('an unknown model falls back to the default and is reported', () => {
    const plan = planRestore({ prompt: 'fox', model: 'acme/painter' }, saved)
    expect(plan.values.model).toBe(DEFAULT_FORM.model)
    expect(plan.missing[0]).toMatch(/acme\/painter/)
  })
})

describe('gallery page', () => {
  it('parses the note’s example (fileSize as a string)', () => {
    const page = galleryPageSchema.parse({
      items: [
        {
          id: '3b0f6c7e-5a51-4f0e-9a52-0d7a1c2b9e11',
          type: 'image',
          url: 'https://abc123.public.blob.vercel-storage.com/images/3b0f-0.png',
          thumbnailUrl: null,
          prompt: 'A lighthouse on a cliff at dawn, watercolor',
          negativePrompt: null,
          model: 'google/gemini-3-pro-image',
          provider: 'google',
          status: 'completed',
          createdAt: '2026-04-20T09:12:44.120Z',
          completedAt: '2026-04-20T09:12:58.981Z',
          dimensions: null,
          mimeType: 'image/png',
          fileSize: '812345',
          metadata: {},
        },
      ],
      count: 1,
      offset: 0,
      limit: 100,
      hasMore: false,
    })
    expect(page.items[0]?.fileSize).toBe('812345')
  })
})
