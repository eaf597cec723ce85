import { describe, expect, it } from 'vitest'
import { mediaSrc } from './media-url'

describe('mediaSrc', () => {
  it('sends sandbox file URLs through the same-origin proxy', () => {
    expect(mediaSrc('http://127.0.0.1:4101/api/v1/generate-video/files/abc.mp4')).toBe(
      '/api/v1/generate-video/files/abc.mp4',
    )
    expect(mediaSrc('http://localhost:1/api/v1/generate-image/files/x.png?v=1')).toBe(
      '/api/v1/generate-image/files/x.png?v=1',
    )
  })

  it('keeps blob, data and relative URLs', () => {
    const blob = 'https://abc123.public.blob.vercel-storage.com/videos/5d2e.mp4'
    expect(mediaSrc(blob)).toBe(blob)
    expect(mediaSrc('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA')
    expect(mediaSrc('/api/v1/generate-video/files/a.mp4')).toBe(
      '/api/v1/generate-video/files/a.mp4',
    )
  })
})
