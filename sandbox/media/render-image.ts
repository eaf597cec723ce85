// Draws the sandbox's "generated" images: an SVG scene whose palette, composition and shapes are
// derived from a hash of prompt + seed + style, rasterised by sharp at the model's pixel size.
// The same inputs always give the same bytes, so tests and screenshots are stable.
import { createHash } from 'node:crypto'
import sharp, { type Sharp } from 'sharp'

export interface ImageRecipe {
  prompt: string
  seed: number
  width: number
  height: number
  stylePreset?: string
  mimeType: 'image/png' | 'image/webp'
}

/** A small deterministic PRNG (mulberry32) seeded from a SHA-256 of the inputs. */
export function prng(...parts: (string | number)[]): () => number {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest()
  let state = digest.readUInt32LE(0)
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** A 31-bit seed from arbitrary parts, as providers report seeds. */
export function seedOf(...parts: (string | number)[]): number {
  return Math.floor(prng(...parts)() * 2_147_483_647)
}

// Words that steer the palette, so "ocean at night" looks different from "desert sunset".
const HUE_WORDS: Record<string, number> = {
  red: 0,
  fire: 12,
  sunset: 20,
  dawn: 30,
  autumn: 28,
  desert: 38,
  gold: 45,
  sun: 48,
  forest: 120,
  green: 120,
  jungle: 135,
  ocean: 200,
  sea: 195,
  water: 190,
  sky: 205,
  blue: 220,
  night: 235,
  space: 250,
  purple: 275,
  neon: 300,
  pink: 330,
}

// XML 1.0 forbids most control characters, even escaped; drop them from the caption.
const escapeXml = (s: string) =>
  Array.from(s, (ch) => {
    const code = ch.charCodeAt(0)
    if (code < 0x20 && ch !== '\t' && ch !== '\n') return ''
    return /[<>&"']/.test(ch) ? `&#${code};` : ch
  }).join('')

const hsl = (h: number, s: number, l: number, a = 1) =>
  `hsla(${Math.round(((h % 360) + 360) % 360)},${Math.round(s)}%,${Math.round(l)}%,${a})`

/** Wraps the prompt into at most `maxLines` lines of about `perLine` characters. */
function captionLines(prompt: string, perLine: number, maxLines: number): string[] {
  const words = prompt.trim().split(/\s+/)
  const lines: string[] = []
  let line = ''
  for (const word of words) {
    if ((line + ' ' + word).trim().length > perLine) {
      lines.push(line)
      line = word
      if (lines.length === maxLines) break
    } else line = (line + ' ' + word).trim()
  }
  if (lines.length < maxLines && line) lines.push(line)
  const used = lines.join(' ').length
  if (used < prompt.trim().length && lines.length > 0) {
    const last = lines.length - 1
    lines[last] = `${(lines[last] ?? '').slice(0, Math.max(0, perLine - 1))}…`
  }
  return lines
}

/** Builds the scene as SVG markup (exported for the video renderer, which pans across it). */
export function sceneSvg(r: {
  prompt: string
  seed: number
  width: number
  height: number
  stylePreset?: string
  caption?: boolean
  /** Opacity of the scene (not the caption): lets an image-to-image source show through. */
  opacity?: number
}): string {
  const { width: W, height: H } = r
  const style = r.stylePreset ?? 'none'
  const rand = prng(r.prompt, r.seed, style)
  const lower = r.prompt.toLowerCase()
  const keyword = Object.keys(HUE_WORDS).find((w) => new RegExp(`\\b${w}\\b`).test(lower))
  const baseHue = keyword !== undefined ? (HUE_WORDS[keyword] ?? 0) : rand() * 360
  const hue = baseHue + (rand() - 0.5) * 30
  const dark = style === 'neon-punk' || /\bnight|space|dark\b/.test(lower)
  const lineArt = style === 'line-art'
  const sat = style === 'analog-film' ? 35 : style === 'neon-punk' ? 95 : 55 + rand() * 30
  const light = dark ? 14 : 62

  const parts: string[] = []
  const defs: string[] = []
  defs.push(
    `<linearGradient id="sky" x1="0" y1="0" x2="${rand().toFixed(2)}" y2="1">` +
      `<stop offset="0" stop-color="${lineArt ? '#fafafa' : hsl(hue, sat, light + 10)}"/>` +
      `<stop offset="1" stop-color="${lineArt ? '#eeeeee' : hsl(hue + 40, sat, light - 8)}"/></linearGradient>`,
    `<radialGradient id="glow"><stop offset="0" stop-color="${hsl(hue + 180, 90, 75, 0.95)}"/>` +
      `<stop offset="1" stop-color="${hsl(hue + 180, 90, 75, 0)}"/></radialGradient>`,
  )
  parts.push(`<rect width="${W}" height="${H}" fill="url(#sky)"/>`)

  // A light source: sun, moon or glow, somewhere in the upper half.
  const sx = W * (0.15 + rand() * 0.7)
  const sy = H * (0.12 + rand() * 0.3)
  const sr = Math.min(W, H) * (0.08 + rand() * 0.1)
  parts.push(`<circle cx="${sx}" cy="${sy}" r="${sr * 2.4}" fill="url(#glow)"/>`)
  parts.push(
    `<circle cx="${sx}" cy="${sy}" r="${sr}" fill="${lineArt ? 'none' : hsl(hue + 180, 85, 80)}"` +
      `${lineArt ? ' stroke="#111" stroke-width="4"' : ''}/>`,
  )

  const stroke = lineArt ? ' stroke="#111" stroke-width="3" fill="none"' : ''
  const outline = style === 'comic-book' ? ' stroke="#000" stroke-width="6"' : ''
  const composition =
    style === 'low-poly' || style === 'origami' || style === 'isometric' || style === '3d-model'
      ? 'facets'
      : rand() < 0.6
        ? 'landscape'
        : 'orbs'

  if (composition === 'landscape') {
    // Three ridge layers from far (light) to near (dark).
    for (let layer = 0; layer < 3; layer++) {
      const base = H * (0.55 + layer * 0.13)
      const amp = H * (0.18 - layer * 0.04)
      const steps = 6 + Math.floor(rand() * 6)
      let d = `M0 ${H} L0 ${base}`
      for (let i = 1; i <= steps; i++) {
        const x = (W * i) / steps
        const y = base - rand() * amp
        d += ` L${x.toFixed(1)} ${y.toFixed(1)}`
      }
      d += ` L${W} ${H} Z`
      const fill = lineArt
        ? ''
        : ` fill="${hsl(hue + 200 + layer * 12, sat * 0.7, light - 10 - layer * 12)}"`
      parts.push(`<path d="${d}"${fill}${stroke}${outline}/>`)
    }
  } else if (composition === 'orbs') {
    const count = 5 + Math.floor(rand() * 8)
    for (let i = 0; i < count; i++) {
      const cx = rand() * W
      const cy = rand() * H
      const rr = Math.min(W, H) * (0.04 + rand() * 0.18)
      const fill = lineArt ? '' : ` fill="${hsl(hue + rand() * 160, sat, 40 + rand() * 40, 0.55)}"`
      parts.push(
        `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${rr.toFixed(1)}"${fill}${stroke}${outline}/>`,
      )
    }
  } else {
    // Facets: a jittered triangle grid, the look of low-poly and folded paper.
    const cols = 6 + Math.floor(rand() * 4)
    const rows = Math.max(3, Math.round((cols * H) / W))
    const pts: [number, number][][] = []
    for (let y = 0; y <= rows; y++) {
      const row: [number, number][] = []
      for (let x = 0; x <= cols; x++) {
        const jx = x > 0 && x < cols ? (rand() - 0.5) * (W / cols) * 0.6 : 0
        const jy = y > 0 && y < rows ? (rand() - 0.5) * (H / rows) * 0.6 : 0
        row.push([(W * x) / cols + jx, (H * y) / rows + jy])
      }
      pts.push(row)
    }
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x++) {
        const a = pts[y]?.[x]
        const b = pts[y]?.[x + 1]
        const c = pts[y + 1]?.[x]
        const d = pts[y + 1]?.[x + 1]
        if (!a || !b || !c || !d) continue
        for (const tri of [
          [a, b, c],
          [b, d, c],
        ]) {
          const shade = 30 + rand() * 45
          const fill = lineArt ? '' : ` fill="${hsl(hue + y * 8 + rand() * 20, sat, shade, 0.85)}"`
          const pointsAttr = tri.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')
          parts.push(
            `<polygon points="${pointsAttr}"${fill}${stroke || ' stroke="rgba(255,255,255,0.15)"'}/>`,
          )
        }
      }
    }
  }

  if (style === 'comic-book') {
    defs.push(
      `<pattern id="dots" width="14" height="14" patternUnits="userSpaceOnUse">` +
        `<circle cx="7" cy="7" r="2.5" fill="rgba(0,0,0,0.25)"/></pattern>`,
    )
    parts.push(`<rect width="${W}" height="${H}" fill="url(#dots)"/>`)
  }
  if (style === 'cinematic') {
    parts.push(`<rect width="${W}" height="${H * 0.1}" fill="#000"/>`)
    parts.push(`<rect y="${H * 0.9}" width="${W}" height="${H * 0.1}" fill="#000"/>`)
  }

  const captionParts: string[] = []
  if (r.caption !== false) {
    const fontSize = Math.max(14, Math.round(Math.min(W, H) / 28))
    const perLine = Math.max(12, Math.floor((W * 0.9) / (fontSize * 0.56)))
    const lines = captionLines(r.prompt, perLine, 2)
    const boxH = fontSize * (lines.length * 1.35 + 0.9)
    captionParts.push(
      `<rect y="${H - boxH}" width="${W}" height="${boxH}" fill="rgba(0,0,0,0.45)"/>`,
    )
    lines.forEach((line, i) => {
      const y = H - boxH + fontSize * (1.25 + i * 1.35)
      captionParts.push(
        `<text x="${W * 0.05}" y="${y.toFixed(1)}" font-family="DejaVu Sans, Liberation Sans, sans-serif" ` +
          `font-size="${fontSize}" fill="#fff">${escapeXml(line)}</text>`,
      )
    })
  }

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">` +
    `<defs>${defs.join('')}</defs><g opacity="${r.opacity ?? 1}">${parts.join('')}</g>` +
    `${captionParts.join('')}</svg>`
  )
}

/** Decodes a `data:<mime>;base64,<data>` URL; null when it is not one. */
export function decodeDataUrl(dataUrl: string): Buffer | null {
  const m = /^data:[^;,]+;base64,(.*)$/s.exec(dataUrl)
  return m?.[1] === undefined ? null : Buffer.from(m[1], 'base64')
}

/**
 * Renders one image. With `source` (image-to-image) the source picture, cropped to the output
 * size, shows through a translucent scene. Throws if `source` cannot be decoded, as a model
 * call with a broken image would fail.
 */
export async function renderImage(recipe: ImageRecipe, source?: Buffer): Promise<Buffer> {
  let image: Sharp
  if (source) {
    const base = await sharp(source)
      .resize(recipe.width, recipe.height, { fit: 'cover' })
      .removeAlpha()
      .toBuffer()
    const overlay = await sharp(Buffer.from(sceneSvg({ ...recipe, opacity: 0.45 })))
      .png()
      .toBuffer()
    image = sharp(base).composite([{ input: overlay, blend: 'over' }])
  } else {
    image = sharp(Buffer.from(sceneSvg(recipe)))
  }
  return recipe.mimeType === 'image/webp'
    ? image.webp({ quality: 82 }).toBuffer()
    : image.png({ compressionLevel: 6 }).toBuffer()
}
