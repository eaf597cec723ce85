// The trivial upstream of the proxy bench, in its own process (started by proxy.ts):
//   GET /api/bench     → a ~100-byte JSON body, keep-alive
//   GET /api/sse?n=N   → text/event-stream, N frames 20 ms apart, each carrying its send time
// It also reads SSE streams on request (IPC `sse`): sender and reader share this process's clock,
// so a frame's delay is exact and only the target (direct, nginx, our proxy) sits in between.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

const BODY = Buffer.from(
  JSON.stringify({
    ok: true,
    service: 'bench-upstream',
    note: 'a small JSON body of about 100 bytes',
  }),
)
const FRAME_INTERVAL_MS = 20
const MAX_FRAMES = 10_000

const server = http.createServer((req, res) => {
  const url = req.url ?? ''
  if (req.method === 'GET' && url === '/api/bench') {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length })
    res.end(BODY)
    return
  }
  if (req.method === 'GET' && (url === '/api/sse' || url.startsWith('/api/sse?'))) {
    const n = Number(new URL(url, 'http://upstream').searchParams.get('n') ?? 100)
    sendFrames(res, Number.isInteger(n) && n > 0 ? Math.min(n, MAX_FRAMES) : 100)
    return
  }
  if (req.method === 'POST' && url === '/api/v1/chat/completions') {
    streamChat(req, res)
    return
  }
  res.writeHead(404, { 'content-type': 'application/json', 'content-length': 2 })
  res.end('{}')
})
// Longer than the proxy's and nginx's idle timeouts, so the upstream never closes a pooled socket first.
server.keepAliveTimeout = 65_000

function sendFrames(res: http.ServerResponse, frames: number): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
  res.flushHeaders()
  let sent = 0
  const timer = setInterval(() => {
    res.write(`data: ${performance.now()}\n\n`)
    if (++sent === frames) {
      clearInterval(timer)
      res.end()
    }
  }, FRAME_INTERVAL_MS)
  res.once('close', () => clearInterval(timer))
}

const CHAT_CHUNKS = 40
const CHAT_INTERVAL_MS = 25

/**
 * A streaming chat completion shaped like the cloud's (OpenAI chunks, then `[DONE]`): the
 * request body is read in full first, the first chunk leaves at once, then one every 25 ms
 * (about one second per reply).
 */
function streamChat(req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume()
  req.once('end', () => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    let sent = 0
    const chunk = () => {
      const delta = { choices: [{ index: 0, delta: { content: `token${sent} ` } }] }
      res.write(
        `data: ${JSON.stringify({ id: 'chatcmpl-bench', object: 'chat.completion.chunk', ...delta })}\n\n`,
      )
      if (++sent === CHAT_CHUNKS) {
        clearInterval(timer)
        res.end('data: [DONE]\n\n')
      }
    }
    const timer = setInterval(chunk, CHAT_INTERVAL_MS)
    chunk()
    res.once('close', () => clearInterval(timer))
  })
}

/** Opens `url`, returns each frame's delay in ms (receive − send time), skipping the first `skip`. */
function readFrames(url: string, skip: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const delays: number[] = []
    let seen = 0
    const req = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        res.resume()
        reject(new Error(`${url} answered ${res.statusCode}`))
        return
      }
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        const now = performance.now()
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = frame.split('\n').find((line) => line.startsWith('data: '))
          if (data === undefined) continue
          if (++seen > skip) delays.push(now - Number(data.slice(6)))
        }
      })
      res.once('end', () => resolve(delays))
      res.once('error', reject)
    })
    req.once('error', reject)
    req.setTimeout(30_000, () => req.destroy(new Error(`${url}: no data for 30 s`)))
  })
}

interface SseRequest {
  id: number
  type: 'sse'
  url: string
  skip: number
}

process.on('message', (message: SseRequest) => {
  if (message.type !== 'sse') return
  readFrames(message.url, message.skip).then(
    (delaysMs) => process.send?.({ id: message.id, delaysMs }),
    (err: Error) => process.send?.({ id: message.id, error: err.message }),
  )
})
// The parent is gone (or done): stop.
process.on('disconnect', () => process.exit(0))

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port })
})
