// The video studio against the sandbox: a real generation that plays, Cancel of a slow one, the
// 5-per-5-minutes quota and a 402 (issue #6, "Video" and "Across the studio").
import type { Locator, Page } from '@playwright/test'
import { CANARY_KEY } from './env.ts'
import { expect, test } from './fixtures.ts'

async function openStudio(page: Page) {
  await page.goto('/media/video')
  await expect(page.getByRole('heading', { level: 1, name: 'Video' })).toBeVisible()
}

async function generate(page: Page, prompt: string, model?: string): Promise<Locator> {
  await page.getByRole('textbox', { name: 'Prompt' }).fill(prompt)
  if (model) await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: model })
  await page.getByRole('button', { name: 'Generate' }).click()
  return page.getByRole('article', { name: `Video: ${prompt}`, exact: true })
}

/** The element's duration once its metadata has loaded (NaN/0 before). */
const durationOf = (video: Locator) =>
  video.evaluate(
    (v: HTMLVideoElement) =>
      new Promise<number>((resolve, reject) => {
        if (v.readyState >= 1) return resolve(v.duration)
        v.addEventListener('loadedmetadata', () => resolve(v.duration), { once: true })
        v.addEventListener('error', () => reject(new Error(`video error ${v.error?.code}`)), {
          once: true,
        })
      }),
  )

test('generate a video, see it play, find it in the history after a reload', async ({ page }) => {
  await openStudio(page)
  // The price before the run comes from the cloud's pricing summary; the quota is not known yet.
  await expect(page.getByText('$0.336–$3.84 per video')).toBeVisible()
  await expect(page.getByText('5 calls per 5 minutes')).toBeVisible()
  await expect(page.getByText('No videos yet')).toBeVisible()

  // A light model: the e2e proxy gives up after 2.5 s of upstream silence (e2e/servers.ts), and
  // the sandbox really encodes the MP4 while it holds the call.
  const card = await generate(page, 'A paper boat on a rainy street', 'Kling 2.6 Pro')
  await expect(card.getByText('Done')).toBeVisible({ timeout: 20_000 })
  const video = card.locator('video')
  expect(await durationOf(video)).toBeGreaterThan(0)
  // It plays: time advances once started (muted, as autoplay policy wants).
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true
    return v.play()
  })
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0)
  await expect(card.getByRole('link', { name: 'Download' })).toHaveAttribute('download', /\.mp4$/)
  // The cloud's headers after one call: four of five left.
  await expect(page.getByText('4 of 5 calls left')).toBeVisible()
  // Billed: the sandbox's $0.07/s × 5 s × 1.2 = $0.42 from the seeded $5.00 (the header follows).
  await expect(page.getByRole('status', { name: 'Credit balance' })).toHaveText('$4.58')

  const history = page.getByRole('region', { name: 'Past videos' })
  const past = history.getByRole('article', { name: 'Past video: A paper boat on a rainy street' })
  await expect(past).toContainText('Kling 2.6 Pro')
  await page.reload()
  await expect(past).toBeVisible()
  expect(await durationOf(past.locator('video'))).toBeGreaterThan(0)
})

test('Cancel stops a running generation', async ({ page, sandbox }) => {
  await sandbox.setTiming({ videoDelayMs: 120_000 })
  await openStudio(page)
  const card = await generate(page, 'A slow sunrise over the sea')
  // Within the e2e proxy's 2.5 s idle limit (e2e/servers.ts), while the sandbox holds the call.
  const progress = card.getByRole('progressbar', { name: 'Generation progress' })
  await expect(progress).toHaveAttribute('aria-valuetext', /elapsed, usually 30–180 s/)
  await card.getByRole('button', { name: 'Cancel' }).click()
  await expect(card.getByText('Cancelled', { exact: true })).toBeVisible()
  await expect(card).toContainText('The cloud may still finish and bill this call')
  await expect(card.getByRole('button', { name: 'Retry' })).toBeVisible()
  await expect(progress).toBeHidden()
  // The sandbox finishes an abandoned call in the background, as the cloud may (docs/media.md
  // §Leaving), but not within its 120 s hold: nothing in the gallery yet.
  await expect(page.getByText('No videos yet')).toBeVisible()
})

// The e2e proxy turns 2.5 s of upstream silence into a 504 (e2e/servers.ts): the held calls here
// are checked and cancelled well within that.
test('several generations run at once, each with its own state', async ({ page, sandbox }) => {
  await sandbox.setBalance(50)
  await sandbox.setTiming({ videoDelayMs: 120_000 })
  await openStudio(page)
  const first = await generate(page, 'First clip: a kite over a beach')
  const second = await generate(page, 'Second clip: a train in the snow', 'Veo 3 Fast')
  await expect(first.getByRole('progressbar')).toBeVisible()
  await expect(second.getByRole('progressbar')).toBeVisible()
  await second.getByRole('button', { name: 'Cancel' }).click()
  await expect(second.getByText('Cancelled', { exact: true })).toBeVisible()
  await expect(first.getByRole('progressbar')).toBeVisible()
  await first.getByRole('button', { name: 'Cancel' }).click()
  await expect(first.getByText('Cancelled', { exact: true })).toBeVisible()
})

test('a finished generation is still there after leaving the page', async ({ page }) => {
  await openStudio(page)
  const card = await generate(page, 'A lantern festival at night', 'Kling 2.6 Pro')
  await expect(card.getByText('Done')).toBeVisible({ timeout: 20_000 })
  await page.getByRole('link', { name: 'Overview' }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await page.getByRole('link', { name: 'Video' }).first().click()
  await expect(card.getByText('Done')).toBeVisible()
  expect(await durationOf(card.locator('video'))).toBeGreaterThan(0)
})

test('a spent quota shows 0 left with a countdown and holds Generate', async ({
  page,
  sandbox,
}) => {
  const reset = new Date(Date.now() + 120_000).toISOString()
  await sandbox.fault({
    path: '/api/v1/generate-video',
    method: 'POST',
    status: 429,
    headers: {
      'Retry-After': '120',
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': reset,
      'X-RateLimit-Policy': 'in-memory',
    },
    body: {
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 5 requests per 300 seconds.',
      retryAfter: 120,
    },
  })
  await openStudio(page)
  const card = await generate(page, 'One too many')
  await expect(card.getByText('Failed')).toBeVisible()
  const quota = page.getByRole('group', { name: 'Video quota' })
  await expect(quota).toContainText('0 of 5 calls left')
  await expect(quota.getByRole('timer')).toHaveText(/^(2:00|1:5\d)$/)
  await expect(page.getByRole('button', { name: 'Generate' })).toBeDisabled()
  // The wait survives a reload: the last answer is remembered.
  await page.reload()
  await expect(quota).toContainText('0 of 5 calls left')
  await expect(page.getByRole('button', { name: 'Generate' })).toBeDisabled()
})

test('the real limiter: after five calls the quota is spent, with the countdown', async ({
  page,
  playwright,
  sandbox,
  stack,
}) => {
  await sandbox.setBalance(100)
  // Four calls straight at the sandbox with the proxy's key: the same caller, the same bucket.
  const http = await playwright.request.newContext({ baseURL: stack.sandboxUrl })
  for (let i = 0; i < 4; i++) {
    const res = await http.post('/api/v1/generate-video', {
      headers: { Authorization: `Bearer ${CANARY_KEY}` },
      data: { prompt: `Spend ${i + 1}` },
      timeout: 30_000,
    })
    expect(res.status(), `call ${i + 1}`).toBe(200)
  }
  await http.dispose()
  await openStudio(page)
  const quota = page.getByRole('group', { name: 'Video quota' })
  const fifth = await generate(page, 'The fifth call')
  await expect(fifth.locator('video')).toBeVisible({ timeout: 20_000 })
  await expect(quota).toContainText('0 of 5 calls left')
  // The sandbox's own X-RateLimit-Reset: the window is 5 minutes, so the wait is close to 5:00,
  // and no sixth call is made while it runs.
  await expect(quota.getByRole('timer')).toHaveText(/^[45]:\d\d$/)
  await expect(page.getByRole('button', { name: 'Generate' })).toBeDisabled()
})

test('a 402 shows the price, the balance and an add-credits link', async ({ page, sandbox }) => {
  await sandbox.setBalance(0.1)
  await openStudio(page)
  const card = await generate(page, 'An expensive epic', 'Veo 3')
  const alert = card.getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'Out of credits' })).toBeVisible()
  await expect(alert).toContainText('This needs a balance of at least $3.84')
  await expect(card.getByText('Your balance: $0.10.')).toBeVisible()
  await expect(alert.getByRole('link', { name: 'Add credits' })).toHaveAttribute(
    'href',
    '/billing#add-credits',
  )
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible()
})

test('a typed prompt survives a reload', async ({ page }) => {
  await openStudio(page)
  await page.getByRole('textbox', { name: 'Prompt' }).fill('A lantern festival, drafted')
  await page.reload()
  await expect(page.getByRole('textbox', { name: 'Prompt' })).toHaveValue(
    'A lantern festival, drafted',
  )
})

test('Cmd+K "New video" opens the studio with the Prompt focused', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog')
  await palette.getByRole('combobox').fill('New video')
  await palette.getByRole('option', { name: 'New video' }).click()
  await expect(page).toHaveURL(/\/media\/video$/)
  await expect(page.getByRole('textbox', { name: 'Prompt' })).toBeFocused()
})
