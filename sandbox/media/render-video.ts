// Renders the sandbox's "generated" videos: a scene twice as wide as the frame (render-image.ts)
// that the camera pans across, with the prompt as a caption, encoded by the bundled ffmpeg as
// H.264 (libx264, yuv420p, +faststart) in MP4 — what Chromium, Safari and Firefox all play.
// Models that ship audio get an AAC tone whose pitch comes from the prompt.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { runFfmpeg } from './ffmpeg.ts'
import { prng, sceneSvg } from './render-image.ts'

export interface VideoRecipe {
  prompt: string
  seed: number
  width: number
  height: number
  seconds: number
  audio: boolean
  fps?: number
}

/** Transparent caption layer: the prompt in a dark band at the bottom. */
function captionSvg(prompt: string, width: number, height: number): string {
  // The scene builder draws the caption; render it alone over a fully transparent scene.
  return sceneSvg({ prompt, seed: 0, width, height, caption: true, opacity: 0 })
}

export async function renderVideo(recipe: VideoRecipe, signal?: AbortSignal): Promise<Buffer> {
  const { width: W, height: H, seconds: D } = recipe
  const fps = recipe.fps ?? 24
  const dir = await mkdtemp(path.join(tmpdir(), 'sandbox-video-'))
  try {
    const scene = path.join(dir, 'scene.png')
    const caption = path.join(dir, 'caption.png')
    const out = path.join(dir, 'out.mp4')
    await Promise.all([
      sharp(Buffer.from(sceneSvg({ ...recipe, width: W * 2, caption: false })))
        .png({ compressionLevel: 1 })
        .toFile(scene),
      sharp(Buffer.from(captionSvg(recipe.prompt, W, H)))
        .png({ compressionLevel: 1 })
        .toFile(caption),
    ])
    const rand = prng(recipe.prompt, recipe.seed, 'video')
    // Pan left→right or right→left, chosen by the hash, fading in and out.
    const x = rand() < 0.5 ? `(iw-ow)*t/${D}` : `(iw-ow)*(1-t/${D})`
    const frames = Math.round(D * fps)
    // Each still is converted to YUV once and repeated by `loop`: decoding the PNGs for every
    // frame (`-loop 1` input) is several times slower.
    const still = (format: string) =>
      `format=${format},loop=loop=${frames - 1}:size=1,setpts=N/${fps}/TB`
    const filter =
      `[0:v]${still('yuv420p')},crop=${W}:${H}:x='${x}':y=0[bg];[1:v]${still('yuva420p')}[cap];` +
      `[bg][cap]overlay=0:0:format=yuv420,` +
      `fade=t=in:st=0:d=0.5,fade=t=out:st=${Math.max(0, D - 0.5)}:d=0.5[v]`
    const args = ['-y', '-loglevel', 'error']
    args.push('-i', scene, '-i', caption)
    if (recipe.audio) {
      const freq = Math.round(220 + rand() * 440)
      args.push('-f', 'lavfi', '-i', `sine=frequency=${freq}:sample_rate=44100:duration=${D}`)
    }
    args.push('-filter_complex', filter, '-map', '[v]')
    if (recipe.audio) args.push('-map', '2:a', '-c:a', 'aac', '-b:a', '96k')
    args.push('-t', String(D), '-r', String(fps))
    args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p')
    args.push('-movflags', '+faststart', out)
    await runFfmpeg(args, { signal })
    return await readFile(out)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
