// nginx as the reference reverse proxy (the bench's reference configuration: keep-alive to the
// upstream, no buffering). Absent nginx is not an error: the target is skipped with a reason.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { stop, track } from './children.ts'

// The reference configuration, kept here so the bench runs on any machine with nginx.
const REFERENCE_CONF = `worker_processes 1;
daemon off;
pid nginx.pid;
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000;
  client_body_temp_path tmp/body;
  proxy_temp_path tmp/proxy;
  fastcgi_temp_path tmp/fastcgi;
  uwsgi_temp_path tmp/uwsgi;
  scgi_temp_path tmp/scgi;
  upstream api { server @UPSTREAM@; keepalive 32; keepalive_requests 100000; }
  server {
    listen @LISTEN@;
    location /api/ {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-API-Key reference;
      proxy_buffering off;
      proxy_cache off;
    }
  }
}
`

export interface Nginx {
  port: number
  /** The master process (its worker is its child). */
  pid: number
  version: string
  close(): Promise<void>
}

/** `BENCH_NGINX=off` skips nginx; `BENCH_NGINX=/path/to/nginx` picks a binary; else PATH and sbin. */
function findNginx(): string | null {
  const chosen = process.env.BENCH_NGINX
  if (chosen === 'off') return null
  if (chosen) return chosen
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin', '/sbin']
  for (const dir of dirs) {
    const file = path.join(dir, 'nginx')
    try {
      fs.accessSync(file, fs.constants.X_OK)
      return file
    } catch {
      // not in this folder
    }
  }
  return null
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })
}

async function waitUntilServing(port: number, child: ChildProcess, stderr: () => string) {
  const deadline = performance.now() + 5000
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break
    const ok = await fetch(`http://127.0.0.1:${port}/api/bench`).then(
      (r) => r.ok,
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`nginx did not start: ${stderr().trim() || 'no answer within 5 s'}`)
}

/** Starts nginx in front of `upstream` (host:port), or returns why it cannot. */
export async function startNginx(upstream: string): Promise<Nginx | { skipped: string }> {
  const binary = findNginx()
  if (!binary)
    return {
      skipped:
        process.env.BENCH_NGINX === 'off'
          ? 'BENCH_NGINX=off'
          : 'nginx is not installed (Debian: apt-get install -y nginx)',
    }
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-nginx-'))
  // When run as root, nginx's workers run as `nobody` and must be able to enter the prefix.
  fs.chmodSync(prefix, 0o755)
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    fs.mkdirSync(path.join(prefix, 'tmp', dir), { recursive: true })
  }
  const port = await freePort()
  const conf = REFERENCE_CONF.replaceAll('@LISTEN@', `127.0.0.1:${port}`)
    .replaceAll('@UPSTREAM@', upstream)
    .replaceAll('@PREFIX@', prefix)
  fs.writeFileSync(path.join(prefix, 'nginx.conf'), conf)

  const child = track(
    spawn(binary, ['-p', `${prefix}/`, '-c', `${prefix}/nginx.conf`, '-e', 'stderr'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
  )
  let stderr = ''
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s))
  const removePrefix = () => fs.rmSync(prefix, { recursive: true, force: true })
  // Also on an interrupted run, where `close` is never reached.
  process.once('exit', removePrefix)
  const close = async () => {
    await stop(child)
    removePrefix()
    process.off('exit', removePrefix)
  }
  try {
    await waitUntilServing(port, child, () => stderr)
  } catch (err) {
    await close()
    return { skipped: (err as Error).message }
  }
  const version = await new Promise<string>((resolve) => {
    const v = spawn(binary, ['-v'], { stdio: ['ignore', 'ignore', 'pipe'] })
    let out = ''
    v.stderr.setEncoding('utf8').on('data', (s: string) => (out += s))
    v.once('close', () => resolve(out.trim().replace(/^nginx version: /, '')))
    v.once('error', () => resolve('unknown'))
  })
  return { port, pid: child.pid ?? 0, version, close }
}
