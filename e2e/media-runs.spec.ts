// Media runs and settings survive a reload (issue #14, "Work and money survive"): a video run cut
// off by a reload is found again with the charge the ledger holds, the tab asks before leaving a
// run in flight, and the image form's settings come back.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

const balance = (page: Page) => page.getByRole('status', { name: 'Credit balance' })

type Row = { amount: number; type: string; description: string | null }

/** The ledger as the cloud gives it, through the console's proxy (docs/billing.md §Ledger). */
async function ledger(page: Page): Promise<Row[]> {
  const res = await page.request.get('/api/credits/transactions?limit=50')
  expect(res.ok()).toBe(true)
  const body = (await res.json()) as { transactions: Row[] }
  return body.transactions.filter((t) => t.type !== 'credit')
}

test('a reload during a video run: asked first, then the result is found with the ledger’s charge', async ({
  page,
  sandbox,
}) => {
  // Slow enough to reload mid-run, within the e2e proxy's 6 s upstream limit (e2e/servers.ts).
  await sandbox.setTiming({ videoDelayMs: 4_500 })
  await page.goto('/media/video')
  await expect(balance(page)).toHaveText('$5.00')
  const promptText = 'A lantern drifting over a dark lake'
  await page.getByRole('textbox', { name: 'Prompt' }).fill(promptText)
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Kling 2.6 Pro' })
  await page.getByRole('button', { name: 'Generate' }).click()
  const card = page.getByRole('article', { name: `Video: ${promptText}`, exact: true })
  await expect(card.getByText('Generating')).toBeVisible()

  // The quote ($0.07/s × 5 s × 1.2) is reserved when the call starts: the balance shows it while
  // the run is still going, not only at the end.
  await expect(balance(page)).toHaveText('$4.58')
  await expect(card.getByText('Generating')).toBeVisible()

  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type())
    void dialog.accept()
  })
  await page.reload()
  expect(dialogs).toEqual(['beforeunload'])

  // Back from the record: first looked for, then found in the gallery once the cloud finishes.
  const restored = page.getByRole('article', { name: `Video: ${promptText}`, exact: true })
  await expect(restored.getByText('Done')).toBeVisible({ timeout: 20_000 })
  await expect(restored.locator('video')).toHaveAttribute(
    'src',
    /\/api\/v1\/generate-video\/files\//,
  )
  await expect(restored).toContainText('Recovered after a reload')
  await expect(restored).toContainText('Charged $0.42 (ledger)')

  // The ledger holds exactly one charge for it, and it is the whole balance change.
  const rows = await ledger(page)
  expect(rows).toEqual([
    expect.objectContaining({
      amount: -0.42,
      description: 'Video generation: fal-ai/kling-video/v2.6/pro/text-to-video (reserved)',
    }),
  ])
  await expect(balance(page)).toHaveText('$4.58')
  await expect(
    page.getByRole('region', { name: 'Past videos' }).getByRole('article', {
      name: `Past video: ${promptText}`,
    }),
  ).toBeVisible()

  // Nothing in flight any more: a reload does not ask, and the finished run is still listed.
  await page.reload()
  await expect(restored.getByText('Done')).toBeVisible()
  expect(dialogs).toEqual(['beforeunload'])
})

test('speech cut off by a reload says so, with the charge the ledger holds', async ({ page }) => {
  await page.goto('/media/voice')
  const text = 'A sentence the reload cuts off before the audio arrives.'
  await page.getByRole('textbox', { name: 'Text to speak' }).fill(text)
  // The record is written at Speak; the reload comes while the request is out.
  await page.route('**/api/v1/voice/tts', async (route) => {
    await route.fetch() // the cloud charges when the stream starts (docs/media.md §Leaving)
    await page.evaluate(() => location.reload()).catch(() => undefined)
  })
  page.on('dialog', (dialog) => void dialog.accept())
  const reloaded = page.waitForEvent('load')
  await page.getByRole('button', { name: 'Speak' }).click()
  await reloaded
  await page.unroute('**/api/v1/voice/tts')
  const card = page.getByRole('article', { name: /^Speech: A sentence the reload/ })
  await expect(card).toContainText(
    // 56 characters × $0.00006 (flash, docs/media.md §Routes).
    'Interrupted by a reload; the cloud may still have charged $0.00336 (ledger).',
  )
  await expect(card).toContainText('The cloud keeps no copy of the audio')
  const rows = await ledger(page)
  expect(rows).toEqual([expect.objectContaining({ amount: -0.00336 })])
})

test('image settings and the reference image survive a reload and Back', async ({ page }) => {
  await page.goto('/media/image')
  const form = page.getByRole('form', { name: 'Image settings' })
  await form.getByRole('textbox', { name: 'Prompt' }).fill('A paper crane on a desk')
  await form.getByRole('radio', { name: '3', exact: true }).check()
  await form.getByRole('radio', { name: '9:16' }).check()
  await form.getByRole('combobox', { name: 'Style preset' }).selectOption('origami')
  await form.getByRole('combobox', { name: 'Model' }).selectOption('bfl/flux-kontext-max')
  // A 1×1 PNG as the reference.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  )
  await form.getByLabel('Reference image file').setInputFiles({
    name: 'crane.png',
    mimeType: 'image/png',
    buffer: png,
  })
  await expect(form.getByText('crane.png')).toBeVisible()

  const expectKept = async () => {
    await expect(form.getByRole('textbox', { name: 'Prompt' })).toHaveValue(
      'A paper crane on a desk',
    )
    await expect(form.getByRole('radio', { name: '3', exact: true })).toBeChecked()
    await expect(form.getByRole('radio', { name: '9:16' })).toBeChecked()
    await expect(form.getByRole('combobox', { name: 'Style preset' })).toHaveValue('origami')
    await expect(form.getByRole('combobox', { name: 'Model' })).toHaveValue('bfl/flux-kontext-max')
    await expect(form.getByRole('img', { name: 'Reference' })).toBeVisible()
    await expect(form.getByText('crane.png')).toBeVisible()
  }
  await page.reload()
  await expectKept()

  // Away and Back: the same.
  await page.getByRole('link', { name: 'Video', exact: true }).first().click()
  await expect(page.getByRole('heading', { level: 1, name: 'Video' })).toBeVisible()
  await page.goBack()
  await expectKept()
})

test('the video model is the cheapest by default and the last one used after that', async ({
  page,
}) => {
  await page.goto('/media/video')
  const model = page.getByRole('combobox', { name: 'Model' })
  await expect(model).toHaveValue('fal-ai/minimax/hailuo-2.3/standard/text-to-video')
  await model.selectOption({ label: 'Veo 3.1 Fast' })
  await page.reload()
  await expect(model).toHaveValue('fal-ai/veo3.1/fast')
})
