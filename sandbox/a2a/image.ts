// The image_generation skill's picture. The cloud asks google/gemini-2.5-flash-image; the sandbox
// draws a deterministic abstract PNG from the prompt (same prompt → same bytes) in the requested
// aspect ratio, so a client gets a real, decodable image of the right shape.
import { createHash } from 'node:crypto'
import sharp from 'sharp'

/** Pixel sizes per aspect ratio; an unknown ratio is drawn square, as the cloud's prompt says. */
const SIZES: Record<string, [number, number]> = {
  '1:1': [512, 512],
  '16:9': [768, 432],
  '9:16': [432, 768],
  '4:3': [640, 480],
  '3:4': [480, 640],
}

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`).slice(0, 60)

export async function drawImage(prompt: string, aspectRatio: string): Promise<Buffer> {
  const [width, height] = SIZES[aspectRatio] ?? [512, 512]
  const hash = createHash('sha256').update(prompt).digest()
  const hue = (i: number) => Math.round(((hash[i] ?? 0) / 255) * 360)
  const circles = Array.from({ length: 6 }, (_, i) => {
    const cx = Math.round(((hash[8 + i] ?? 0) / 255) * width)
    const cy = Math.round(((hash[16 + i] ?? 0) / 255) * height)
    const r = Math.round(((hash[24 + i] ?? 0) / 255) * (Math.min(width, height) / 3)) + 20
    return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="hsl(${hue(i + 2)},70%,60%)" fill-opacity="0.55"/>`
  }).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
<stop offset="0" stop-color="hsl(${hue(0)},60%,35%)"/><stop offset="1" stop-color="hsl(${hue(1)},60%,20%)"/>
</linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>${circles}
<text x="16" y="${height - 20}" font-family="sans-serif" font-size="18" fill="white" fill-opacity="0.85">${escapeXml(prompt)}</text>
</svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}
