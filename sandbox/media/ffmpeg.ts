// The bundled ffmpeg binary (@ffmpeg-installer/ffmpeg), run as a child process: video encoding,
// MP3 encoding and reading media durations.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const FFMPEG_PATH: string = (require('@ffmpeg-installer/ffmpeg') as { path: string }).path

export class FfmpegError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message)
    this.name = 'FfmpegError'
  }
}

export interface FfmpegRun {
  stdout: Buffer
  stderr: string
  code: number | null
}

/**
 * Runs ffmpeg with `args`, feeding `stdin` if given, and collects its output. `signal` kills the
 * process (a client that went away). Rejects with FfmpegError on a non-zero exit unless
 * `allowFailure` (used to read `-i` banners, where ffmpeg exits 1 on purpose).
 */
export function runFfmpeg(
  args: string[],
  opts: { stdin?: Buffer; signal?: AbortSignal; allowFailure?: boolean } = {},
): Promise<FfmpegRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(FFMPEG_PATH, ['-hide_banner', '-nostdin', ...args], {
      stdio: [opts.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      signal: opts.signal,
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk))
    child.on('error', (error) => reject(error))
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8')
      if (code !== 0 && !opts.allowFailure) {
        reject(new FfmpegError(`ffmpeg exited with ${code}`, stderr))
        return
      }
      resolve({ stdout: Buffer.concat(out), stderr, code })
    })
    if (opts.stdin && child.stdin) {
      // ffmpeg may stop reading early (e.g. `-t`); an EPIPE then is not an error.
      child.stdin.on('error', () => {})
      child.stdin.end(opts.stdin)
    }
  })
}

/** Duration in seconds from ffmpeg's `Duration: HH:MM:SS.cc` banner line, or null. */
export function parseDuration(banner: string): number | null {
  const m = /Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/.exec(banner)
  if (!m) return null
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])
}

/** Reads a media file's duration by letting ffmpeg open it from stdin. */
export async function probeDuration(bytes: Buffer): Promise<number | null> {
  const run = await runFfmpeg(['-i', 'pipe:0', '-f', 'null', '-'], {
    stdin: bytes,
    allowFailure: true,
  })
  // Piped input has no index, so ffmpeg decodes it; the last `time=` is the real length.
  const times = [...run.stderr.matchAll(/time=(\d+):(\d{2}):(\d{2}(?:\.\d+)?)/g)]
  const last = times.at(-1)
  if (last) return Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3])
  return parseDuration(run.stderr)
}
