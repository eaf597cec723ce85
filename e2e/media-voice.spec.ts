// The voice studio against the sandbox: speak text and play it, clone a voice from a WAV made
// here and speak with it, delete it behind a confirmation, a 402 with the balance and add-credits
// link, samples refused before any upload, jobs that survive leaving the page, drafts that survive
// a reload, and Cmd+K "Speak text".
import type { Locator, Page } from '@playwright/test'
import { CANARY_KEY } from './env.ts'
import { expect, test } from './fixtures.ts'

const TTS = '/api/v1/voice/tts'
const CLONE = '/api/v1/voice/clone'

const textBox = (page: Page) => page.getByRole('textbox', { name: 'Text to speak' })
const voicePicker = (page: Page) => page.getByRole('combobox', { name: 'Voice' })
const speechResults = (page: Page) =>
  page.getByRole('region', { name: 'Speech results' }).getByRole('article')

/** A mono 16-bit PCM WAV: `seconds` of a sine tone with a little noise. */
function makeWav(seconds: number, frequency = 220, sampleRate = 16_000): Buffer {
  const samples = Math.round(seconds * sampleRate)
  const buf = Buffer.alloc(44 + samples * 2)
  buf.write('RIFF', 0)
  buf.writeUInt32LE(36 + samples * 2, 4)
  buf.write('WAVE', 8)
  buf.write('fmt ', 12)
  buf.writeUInt32LE(16, 16)
  buf.writeUInt16LE(1, 20) // PCM
  buf.writeUInt16LE(1, 22) // mono
  buf.writeUInt32LE(sampleRate, 24)
  buf.writeUInt32LE(sampleRate * 2, 28)
  buf.writeUInt16LE(2, 32)
  buf.writeUInt16LE(16, 34)
  buf.write('data', 36)
  buf.writeUInt32LE(samples * 2, 40)
  for (let i = 0; i < samples; i++) {
    const tone = Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 0.6
    const noise = (Math.random() - 0.5) * 0.1
    buf.writeInt16LE(Math.round((tone + noise) * 32_767), 44 + i * 2)
  }
  return buf
}

/** The element's duration once its metadata has loaded (MP3 blobs may report it late). */
const durationOf = (audio: Locator) =>
  audio.evaluate(
    (el) =>
      new Promise<number>((resolve) => {
        const a = el as HTMLAudioElement
        const done = () => {
          if (Number.isFinite(a.duration) && a.duration > 0) resolve(a.duration)
        }
        if (a.readyState >= 1) done()
        a.addEventListener('loadedmetadata', done)
        a.addEventListener('durationchange', done)
      }),
  )

// The sandbox speaks with eSpeak (WASM) and ffmpeg: the first call compiles and loads them. Warm
// them once, straight at the sandbox, so no test's first Speak meets the e2e proxy's short
// timeout with a cold start.
test.beforeAll(async ({ playwright, stack }) => {
  const http = await playwright.request.newContext({ baseURL: stack.sandboxUrl })
  const res = await http.post(TTS, {
    headers: { Authorization: `Bearer ${CANARY_KEY}` },
    data: { text: 'Warm up.' },
  })
  expect(res.status(), 'sandbox TTS warm-up').toBe(200)
  await http.dispose()
})

async function openStudio(page: Page) {
  await page.goto('/media/voice')
  await expect(page.getByRole('heading', { name: 'Voice', level: 1 })).toBeVisible()
  // The premade voices have loaded into the picker.
  await expect(voicePicker(page).locator('option', { hasText: 'Sarah' })).toHaveCount(1)
}

async function speakAndPlay(page: Page, text: string) {
  await textBox(page).fill(text)
  await page.getByRole('button', { name: 'Speak' }).click()
  const card = speechResults(page).filter({ hasText: text }).first()
  const audio = card.locator('audio')
  await expect(audio).toBeVisible({ timeout: 20_000 })
  expect(await durationOf(audio)).toBeGreaterThan(0)
  return card
}

async function cloneFromWav(page: Page, name: string) {
  await page.getByLabel('Audio sample files').setInputFiles({
    name: 'sample.wav',
    mimeType: 'audio/wav',
    buffer: makeWav(3),
  })
  await expect(page.getByRole('list', { name: 'Samples to upload' })).toContainText('sample.wav')
  await page.getByRole('textbox', { name: 'Voice name' }).fill(name)
  await expect(page.getByText('≈ $0.504', { exact: false }).first()).toBeVisible()
  // The length is read in the browser before upload; 3 s is short of the guidance, asked once.
  await expect(page.getByText('3 s of audio. Guidance: 1–3 min.')).toBeVisible()
  await page.getByRole('button', { name: 'Clone voice' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'Short samples' })).toContainText(
    'Your samples add up to 3 s. An instant clone wants about 1–3 minutes of clean speech',
  )
  await page.getByRole('button', { name: 'Clone anyway' }).click()
  await expect(
    page.getByRole('region', { name: 'Clone results' }).getByText(`“${name}” is ready`),
  ).toBeVisible({ timeout: 20_000 })
}

test('speaks text: the audio plays with a duration, with price, download and View code', async ({
  page,
}) => {
  await openStudio(page)
  await textBox(page).fill('Hello from the console.')
  await expect(page.getByText('23 / 5,000')).toBeVisible()
  // 23 characters × $0.00006 (flash, price list) before the run starts.
  await expect(page.getByTestId('tts-price')).toContainText('≈ $0.00138')
  const card = await speakAndPlay(page, 'Hello from the console.')
  await expect(card.getByRole('link', { name: 'Download' })).toHaveAttribute('download', /\.mp3$/)
  await card.getByRole('button', { name: 'View code' }).click()
  const dialog = page.getByRole('dialog', { name: 'View code' })
  await expect(dialog.getByLabel('curl code')).toContainText('/api/v1/voice/tts')
  await expect(dialog.getByLabel('curl code')).toContainText("-o 'speech.mp3'")
  await expect(dialog.getByLabel('curl code')).toContainText('$ELIZACLOUD_API_KEY')
})

test('two speeches run at once, each with its own outcome, and survive leaving the page', async ({
  page,
  sandbox,
}) => {
  await openStudio(page)
  // Both answers are held briefly, so both are in flight together; the second then fails. (Only
  // one is synthesised: the sandbox's speech is CPU-bound and the e2e proxy allows 2.5 s.)
  await sandbox.fault({ path: TTS, latencyMs: 400 })
  await sandbox.fault({
    path: TTS,
    latencyMs: 400,
    status: 500,
    body: { error: 'Failed to generate speech. Please try again.' },
  })
  await textBox(page).fill('First sentence.')
  await page.getByRole('button', { name: 'Speak' }).click()
  await textBox(page).fill('Second sentence.')
  await page.getByRole('button', { name: 'Speak' }).click()
  await expect(speechResults(page)).toHaveCount(2)
  await expect(speechResults(page).getByRole('status')).toHaveCount(2)
  await page.getByRole('link', { name: 'Chat' }).first().click()
  await expect(page).toHaveURL(/\/chat/)
  await page.getByRole('link', { name: 'Voice' }).first().click()
  await expect(speechResults(page)).toHaveCount(2)
  const first = speechResults(page).filter({ hasText: 'First sentence.' }).locator('audio')
  await expect(first).toBeVisible({ timeout: 20_000 })
  expect(await durationOf(first)).toBeGreaterThan(0)
  const second = speechResults(page).filter({ hasText: 'Second sentence.' })
  await expect(second.getByRole('alert')).toContainText('Failed to generate speech')
  await expect(second.getByRole('button', { name: 'Retry' })).toBeVisible()
})

test('clones a voice from a WAV, selects it and speaks with it', async ({ page }) => {
  await openStudio(page)
  await cloneFromWav(page, 'Test Narrator')
  // The new voice is in the list and picked in Text to speech (under "Your cloned voices").
  await expect(page.getByRole('list', { name: 'Your voices' })).toContainText('Test Narrator')
  await expect(voicePicker(page).locator('option:checked')).toHaveText('Test Narrator')
  await expect(page).toHaveURL(/voice=[A-Za-z0-9]{20}/)
  await expect(page.getByText('Your cloned voice (+10 % per character).')).toBeVisible()
  const card = await speakAndPlay(page, 'Now in my own voice.')
  await expect(card).toContainText('Test Narrator')
})

test('records a sample with the microphone, previews it, and clones a voice from it', async ({
  page,
}) => {
  // Chromium runs with a fake microphone (playwright.config.ts) that plays a tone.
  await openStudio(page)
  await page.getByRole('button', { name: 'Record a sample' }).click()
  const status = page.getByRole('status').filter({ hasText: 'Recording' })
  await expect(status).toContainText(/Recording 0:0[1-9]/, { timeout: 10_000 })
  await page.getByRole('button', { name: 'Stop recording' }).click()
  const preview = page.getByLabel('Recording preview')
  await expect(preview).toBeVisible()
  await page.getByRole('button', { name: 'Add recording' }).click()
  await expect(page.getByRole('list', { name: 'Samples to upload' })).toContainText(/recording-/)
  await page.getByRole('textbox', { name: 'Voice name' }).fill('Mic Voice')
  await page.getByRole('button', { name: 'Clone voice' }).click()
  // A recording's length is the time recorded: seconds, short of the guidance.
  await expect(page.getByRole('alert').filter({ hasText: 'Short samples' })).toContainText(
    /Your samples add up to \d s\./,
  )
  await page.getByRole('button', { name: 'Clone anyway' }).click()
  await expect(
    page.getByRole('region', { name: 'Clone results' }).getByText('“Mic Voice” is ready'),
  ).toBeVisible({ timeout: 20_000 })
  await expect(page.getByRole('list', { name: 'Your voices' })).toContainText('Mic Voice')
})

test('deletes a cloned voice after confirmation', async ({ page }) => {
  await openStudio(page)
  await cloneFromWav(page, 'Short Lived')
  const voices = page.getByRole('list', { name: 'Your voices' })
  await expect(voices.getByRole('listitem', { name: 'Short Lived' })).toBeVisible()
  await page.getByRole('button', { name: 'Delete Short Lived' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Short Lived”?' })
  await expect(confirm).toBeVisible()
  // Cancel keeps it.
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(voices.getByRole('listitem', { name: 'Short Lived' })).toBeVisible()
  await page.getByRole('button', { name: 'Delete Short Lived' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete voice' }).click()
  await expect(page.getByRole('alertdialog')).toBeHidden()
  await expect(voices.getByRole('listitem', { name: 'Short Lived' })).toHaveCount(0)
  // The picker fell back from the deleted voice to the default.
  await expect(voicePicker(page).locator('option:checked')).toHaveText('Sarah')
  await expect(voicePicker(page).locator('option', { hasText: 'Short Lived' })).toHaveCount(0)
})

test('a 402 shows the balance and an add-credits link; Retry runs again', async ({
  page,
  sandbox,
}) => {
  await sandbox.setBalance(0)
  await openStudio(page)
  await textBox(page).fill('Nothing to pay with.')
  await page.getByRole('button', { name: 'Speak' }).click()
  const card = speechResults(page).first()
  await expect(card.getByRole('heading', { name: 'Out of credits' })).toBeVisible()
  await expect(card.getByText('Your balance: $0.00.')).toBeVisible()
  await expect(card.getByRole('link', { name: 'Add credits' })).toHaveAttribute(
    'href',
    '/billing#add-credits',
  )
  await sandbox.setBalance(5)
  await card.getByRole('button', { name: 'Retry' }).click()
  const audio = card.locator('audio')
  await expect(audio).toBeVisible({ timeout: 20_000 })
  expect(await durationOf(audio)).toBeGreaterThan(0)
})

test('wrong-type and oversize samples are refused before any upload', async ({ page }) => {
  const uploads: string[] = []
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === CLONE) uploads.push(req.method())
  })
  await openStudio(page)
  const picker = page.getByLabel('Audio sample files')
  await picker.setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not audio'),
  })
  await expect(page.getByRole('alert')).toContainText('notes.txt is not an audio file')
  await picker.setInputFiles({
    name: 'huge.wav',
    mimeType: 'audio/wav',
    buffer: Buffer.alloc(10 * 1024 * 1024 + 1),
  })
  await expect(page.getByRole('alert')).toContainText('huge.wav is over the 10 MB limit')
  await expect(page.getByRole('list', { name: 'Samples to upload' })).toHaveCount(0)
  // Submitting with nothing accepted is refused here too.
  await page.getByRole('textbox', { name: 'Voice name' }).fill('Nope')
  await page.getByRole('button', { name: 'Clone voice' }).click()
  await expect(page.getByRole('alert')).toContainText('Add at least one audio sample.')
  expect(uploads).toEqual([])
})

test('the text to speak and the clone form survive a reload', async ({ page }) => {
  await openStudio(page)
  await textBox(page).fill('A line I am still writing.')
  await page.getByRole('textbox', { name: 'Voice name' }).fill('Draft Narrator')
  await page.getByRole('textbox', { name: 'Description (optional)' }).fill('Warm and slow')
  await page.reload()
  await expect(textBox(page)).toHaveValue('A line I am still writing.')
  await expect(page.getByRole('textbox', { name: 'Voice name' })).toHaveValue('Draft Narrator')
  await expect(page.getByRole('textbox', { name: 'Description (optional)' })).toHaveValue(
    'Warm and slow',
  )
})

test('Cmd+K "Speak text" opens the studio with the text box focused', async ({ page }) => {
  await page.goto('/agents')
  await expect(page.getByRole('heading', { level: 1, name: 'Agents' })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await palette.getByRole('combobox', { name: 'Search pages and actions' }).fill('speak text')
  await palette.getByRole('option', { name: 'Speak text' }).click()
  await expect(page).toHaveURL(/\/media\/voice#speak$/)
  await expect(textBox(page)).toBeFocused()
})
