// Real speech for the voice routes: eSpeak-NG (compiled to WASM, the `espeak-ng` package) speaks
// the text to WAV, and the bundled ffmpeg encodes it to MP3 (libmp3lame, 44.1 kHz / 128 kbps,
// ElevenLabs' default output, docs/cloud/media.md §5.1). Cloned voices get eSpeak parameters derived from
// their samples, so each one sounds different.
import { createHash } from 'node:crypto'
import { CLONE_VARIANTS, type SynthParams } from './catalog.ts'
import { runFfmpeg } from './ffmpeg.ts'

interface EspeakModule {
  FS: {
    writeFile(path: string, data: string | Uint8Array): void
    readFile(path: string): Uint8Array
  }
}
type EspeakFactory = (opts: {
  arguments: string[]
  preRun?: ((m: EspeakModule) => void)[]
  print?: (line: string) => void
  printErr?: (line: string) => void
}) => Promise<EspeakModule>

// The package ships no types; a non-literal specifier keeps tsc from looking for them.
const ESPEAK_PACKAGE = 'espeak-ng'
let factory: Promise<EspeakFactory> | undefined
const loadEspeak = () =>
  (factory ??= import(ESPEAK_PACKAGE).then((m: { default: EspeakFactory }) => m.default))

/** Speaks `text` with eSpeak-NG; returns a 22.05 kHz mono 16-bit WAV. */
export async function synthesizeWav(text: string, p: SynthParams): Promise<Buffer> {
  // The text goes through a file, so a text starting with "-" is never read as an option.
  const espeak = await loadEspeak()
  const module = await espeak({
    arguments: ['-v', `en-us+${p.variant}`, '-p', String(p.pitch), '-s', String(p.speed)].concat([
      '-w',
      'out.wav',
      '-f',
      'in.txt',
    ]),
    preRun: [(m) => m.FS.writeFile('in.txt', text)],
    print: () => {},
    printErr: () => {},
  })
  return Buffer.from(module.FS.readFile('out.wav'))
}

/** Seconds of audio in a canonical PCM WAV (byte rate at offset 28, data after 44 bytes). */
export function wavSeconds(wav: Buffer): number {
  const byteRate = wav.readUInt32LE(28)
  return byteRate > 0 ? (wav.length - 44) / byteRate : 0
}

/** WAV → MP3 frames without ID3 tags, as a provider stream starts straight with frame sync. */
export async function encodeMp3(wav: Buffer): Promise<Buffer> {
  const run = await runFfmpeg(
    ['-loglevel', 'error', '-f', 'wav', '-i', 'pipe:0', '-ar', '44100', '-ac', '1']
      .concat(['-c:a', 'libmp3lame', '-b:a', '128k', '-id3v2_version', '0', '-write_xing', '0'])
      .concat(['-f', 'mp3', 'pipe:1']),
    { stdin: wav },
  )
  return run.stdout
}

/** Decodes any audio ffmpeg understands to 16 kHz mono signed 16-bit PCM (first 20 s). */
async function decodePcm(bytes: Buffer): Promise<Int16Array | null> {
  try {
    const run = await runFfmpeg(
      ['-loglevel', 'error', '-i', 'pipe:0', '-t', '20', '-ac', '1', '-ar', '16000'].concat([
        '-f',
        's16le',
        'pipe:1',
      ]),
      { stdin: bytes },
    )
    if (run.stdout.length < 3200) return null // less than 0.1 s: nothing to measure
    const copy = Buffer.from(run.stdout)
    return new Int16Array(copy.buffer, copy.byteOffset, Math.floor(copy.length / 2))
  } catch {
    return null
  }
}

/** Zero crossings per second: a rough brightness/pitch measure of a voice. */
function zeroCrossingRate(pcm: Int16Array, sampleRate = 16_000): number {
  let crossings = 0
  for (let i = 1; i < pcm.length; i++) {
    if ((pcm[i - 1] ?? 0) < 0 !== (pcm[i] ?? 0) < 0) crossings++
  }
  return (crossings * sampleRate) / pcm.length
}

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(n)))

/**
 * The eSpeak voice of a clone, derived deterministically from its samples: pitch follows the
 * samples' zero-crossing rate when ffmpeg can decode them, the variant and speed follow a hash
 * of their bytes (which also decides pitch for samples that cannot be decoded).
 */
export async function voiceFromSamples(samples: Buffer[]): Promise<SynthParams> {
  const hash = createHash('sha256')
  for (const s of samples) hash.update(s)
  const digest = hash.digest()
  const h = (i: number) => digest[i] ?? 0
  const rates: number[] = []
  for (const s of samples) {
    const pcm = await decodePcm(s)
    if (pcm) rates.push(zeroCrossingRate(pcm))
  }
  const zcr = rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : 0
  // 250 crossings/s (a 125 Hz hum) → 20, 1000 → 56, 2000 → 74 (a sine of f Hz crosses 2f
  // times a second; real speech sits higher because of its harmonics and fricatives).
  const pitch =
    zcr > 0 ? clamp(20 + 18 * Math.log2(zcr / 250) + (h(0) % 7) - 3, 5, 95) : 5 + (h(0) % 91)
  const female = CLONE_VARIANTS.filter((v) => v.startsWith('f'))
  const male = CLONE_VARIANTS.filter((v) => v.startsWith('m'))
  const pool = pitch >= 55 ? female : male
  return {
    variant: pool[h(1) % pool.length] ?? 'm1',
    pitch,
    speed: 130 + (h(2) % 61),
  }
}

// ─── Upload checks (STT) ──────────────────────────────────────────────────────────────────

/** What a file's first bytes say it is (the STT magic-byte check, docs/cloud/media.md §5.2). */
export function sniffMime(bytes: Uint8Array): string | null {
  const b = (i: number) => bytes[i] ?? -1
  const ascii = (from: number, to: number) =>
    String.fromCharCode(...Array.from(bytes.subarray(from, to)))
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav'
  if (ascii(0, 3) === 'ID3' || (b(0) === 0xff && (b(1) & 0xe0) === 0xe0)) return 'audio/mpeg'
  if (ascii(4, 8) === 'ftyp') return 'audio/mp4'
  if (b(0) === 0x1a && b(1) === 0x45 && b(2) === 0xdf && b(3) === 0xa3) return 'audio/webm'
  if (ascii(0, 4) === 'OggS') return 'audio/ogg'
  if (b(0) === 0x89 && ascii(1, 4) === 'PNG') return 'image/png'
  if (b(0) === 0xff && b(1) === 0xd8) return 'image/jpeg'
  if (ascii(0, 4) === 'GIF8') return 'image/gif'
  if (ascii(0, 4) === '%PDF') return 'application/pdf'
  if (ascii(0, 4) === 'PK\u0003\u0004') return 'application/zip'
  return null
}
