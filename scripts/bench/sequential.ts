// Latency one request at a time over one keep-alive connection. A raw socket with a minimal
// response reader keeps the client's own cost small and identical for every target, so
// `target p50 − direct p50` is what the target adds.
import net from 'node:net'

/** Byte length of the first complete response in `buffer`, or -1 when more bytes are needed. */
function responseLength(buffer: Buffer): number {
  const headEnd = buffer.indexOf('\r\n\r\n')
  if (headEnd === -1) return -1
  const head = buffer.toString('latin1', 0, headEnd)
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)
  if (length) {
    const total = headEnd + 4 + Number(length[1])
    return buffer.length >= total ? total : -1
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const last = buffer.indexOf('\r\n0\r\n\r\n', headEnd)
    return last === -1 ? -1 : last + 7
  }
  throw new Error(`response without a length (keep-alive impossible): ${head.split('\r\n')[0]}`)
}

/** One keep-alive connection sending the same GET again and again, one at a time. */
export class KeepAliveClient {
  private buffer: Buffer = Buffer.alloc(0)
  private settle: ((status: number) => void) | null = null
  private fail: ((err: Error) => void) | null = null
  private readonly request: Buffer

  private constructor(
    private readonly socket: net.Socket,
    port: number,
    path: string,
  ) {
    this.request = Buffer.from(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: application/json\r\n\r\n`,
      'latin1',
    )
    socket.on('data', (chunk: Buffer) => this.onData(chunk))
    const gone = (err?: Error) => this.fail?.(err ?? new Error('the connection was closed'))
    socket.on('error', gone)
    socket.on('close', () => gone())
  }

  static async connect(port: number, path: string): Promise<KeepAliveClient> {
    const socket = net.connect({ port, host: '127.0.0.1', noDelay: true })
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve)
      socket.once('error', reject)
    })
    return new KeepAliveClient(socket, port, path)
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk])
    try {
      const length = responseLength(this.buffer)
      if (length === -1) return
      const status = Number(this.buffer.toString('latin1', 9, 12))
      this.buffer = this.buffer.subarray(length)
      this.settle?.(status)
    } catch (err) {
      this.fail?.(err as Error)
    }
  }

  /** Sends the request once; resolves with the status and the time to the full response, in µs. */
  async get(): Promise<{ status: number; us: number }> {
    const started = performance.now()
    const status = await new Promise<number>((resolve, reject) => {
      this.settle = resolve
      this.fail = reject
      this.socket.write(this.request)
    })
    const us = (performance.now() - started) * 1000
    this.settle = null
    this.fail = null
    return { status, us }
  }

  close(): void {
    this.socket.destroy()
  }
}

export interface SequentialResult {
  samplesUs: number[]
  errors: number
}

/**
 * `count` timed requests per port after `warmup` untimed ones, alternating between the ports
 * request by request, so background load on a shared machine hits every target alike.
 */
export async function alternatingLatencies(
  ports: readonly number[],
  path: string,
  count: number,
  warmup: number,
): Promise<SequentialResult[]> {
  const clients = await Promise.all(ports.map((port) => KeepAliveClient.connect(port, path)))
  const results: SequentialResult[] = ports.map(() => ({ samplesUs: [], errors: 0 }))
  try {
    for (let i = 0; i < warmup + count; i++) {
      for (const [k, client] of clients.entries()) {
        const { status, us } = await client.get()
        const result = results[k] as SequentialResult
        if (status !== 200) result.errors++
        else if (i >= warmup) result.samplesUs.push(us)
      }
    }
  } finally {
    for (const client of clients) client.close()
  }
  return results
}
