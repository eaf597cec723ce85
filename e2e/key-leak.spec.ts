// Runs after every other spec (playwright.config.ts, project "key-leak"): the proxy has held the canary key
// for the whole run, so the key must be absent from every built asset, every response the proxy gives,
// and every line it logged. The per-test guard in fixtures.ts already checked what each page saw.
import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from './fixtures.ts'
import { CANARY_SECRET, DIST_DIR, STACKS } from './env.ts'

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

test('no built HTML, JS or CSS asset contains the key', async ({ request }) => {
  const files = filesUnder(DIST_DIR)
  expect(files.some((f) => f.endsWith('.js'))).toBe(true)
  for (const file of files) {
    expect(fs.readFileSync(file, 'latin1').includes(CANARY_SECRET), file).toBe(false)
    // And as served by the proxy, headers included.
    const url = '/' + path.relative(DIST_DIR, file).split(path.sep).join('/')
    const res = await request.get(url)
    expect(res.status(), url).toBe(200)
    expect(JSON.stringify(res.headers()).includes(CANARY_SECRET), `${url} headers`).toBe(false)
    expect((await res.body()).includes(CANARY_SECRET), `${url} body`).toBe(false)
  }
})

test("the proxy's own answers and errors never echo the key", async ({ request, sandbox }) => {
  await sandbox.fault({ path: '/api/v1/credits/balance', status: 500, shape: 'empty' })
  const probes = [
    request.get('/_console/info'),
    request.get('/api/v1/credits/balance'),
    request.get('/api/v1/credits/balance'),
    request.get('/api/../etc/passwd'),
    request.get('/api/v1/%2e%2e/secret'),
    request.get('/api/v1/credits/balance', { headers: { 'X-API-Key': 'eliza_browser_supplied' } }),
    request.post('/api/v1/credits/checkout', {
      headers: { Origin: 'https://evil.example' },
      data: {},
    }),
    request.get('/api/v1/credits/balance', { headers: { Host: 'evil.example' } }),
    request.get('/no-such-page'),
  ]
  for (const res of await Promise.all(probes)) {
    expect(JSON.stringify(res.headers()).includes(CANARY_SECRET), `${res.url()} headers`).toBe(
      false,
    )
    expect((await res.body()).includes(CANARY_SECRET), `${res.url()} body`).toBe(false)
  }
})

test('no log line of the whole run contains the key', async () => {
  for (const stack of STACKS) {
    const log = fs.readFileSync(path.join(stack.logDir, 'proxy.log'), 'utf8')
    const lines = log.split('\n').filter(Boolean)
    // Each stack's log must be real: it has the access lines of this run.
    expect(lines.filter((l) => l.includes('/api/v1/credits/balance')).length).toBeGreaterThan(3)
    // every log of the stack: proxy.log and those of proxies a test started (reconnect.spec.ts)
    for (const file of fs.readdirSync(stack.logDir).filter((f) => f.endsWith('.log'))) {
      const text = fs.readFileSync(path.join(stack.logDir, file), 'utf8')
      expect(text.includes(CANARY_SECRET), `${file} contains the key`).toBe(false)
    }
    expect(stack.baseUrl).toContain('127.0.0.1')
  }
})
