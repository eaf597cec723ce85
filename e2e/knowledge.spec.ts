// The knowledge page, the Knowledge tab of an agent and files attached on /agents/new, against the
// sandbox: add files and text, per-file results, refusals before any request, query hits joined to
// their document, delete several at once, the 503 state, 429 countdown, drafts across a reload.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

const SUPPORT_BOT = '5a4db0c0-0000-4000-8000-0000000000a1'
const LORE_KEEPER = '5a4db0c0-0000-4000-8000-0000000000a2'
const UPLOAD_PATH = '/api/v1/knowledge/upload-file'

type Upload = { name: string; mimeType: string; buffer: Buffer }
const text = (name: string, content: string, mimeType = 'text/plain'): Upload => ({
  name,
  mimeType,
  buffer: Buffer.from(content),
})

async function openKnowledge(page: Page, agentId: string) {
  await page.goto(`/knowledge?agent=${agentId}`)
  await expect(page.getByRole('heading', { level: 1, name: 'Knowledge' })).toBeVisible()
}

const uploads = (page: Page) => page.getByRole('list', { name: 'Uploads' })
const documents = (page: Page) => page.getByRole('list', { name: 'Documents' })

/** Counts the requests the page sends to `path`. */
function countRequests(page: Page, path: string) {
  const counter = { count: 0 }
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === path) counter.count++
  })
  return counter
}

test('add a .md and a .txt file, see both listed, and find the one that holds a word', async ({
  page,
}) => {
  await openKnowledge(page, LORE_KEEPER)
  await expect(page.getByText('No documents yet')).toBeVisible()
  await page
    .getByLabel('Upload files')
    .setInputFiles([
      text('llamas.md', '# Llamas\nLlamas are calm pack animals of the Andes.', 'text/markdown'),
      text('ships.txt', 'The lighthouse keeper writes down every passing ship at night.'),
    ])
  const log = uploads(page)
  await expect(log.getByRole('listitem', { name: 'llamas.md' })).toContainText('Added · 1 fragment')
  await expect(log.getByRole('listitem', { name: 'ships.txt' })).toContainText('Added · 1 fragment')
  await expect(
    documents(page).getByRole('button', { name: 'llamas.md', exact: true }),
  ).toBeVisible()
  await expect(
    documents(page).getByRole('button', { name: 'ships.txt', exact: true }),
  ).toBeVisible()

  await page.getByRole('textbox', { name: 'Query' }).fill('Where is the lighthouse?')
  await page.getByRole('button', { name: 'Search', exact: true }).click()
  const top = page.getByRole('list', { name: 'Results' }).getByRole('listitem').first()
  await expect(top.getByRole('button', { name: 'ships.txt' })).toBeVisible()
  await expect(top.locator('mark')).toHaveText('lighthouse')
  await expect(top).toContainText(/Similarity \d+%/)

  // The hit's document opens in the preview, and the URL keeps it.
  await top.getByRole('button', { name: 'ships.txt' }).click()
  const preview = page.getByRole('dialog', { name: 'ships.txt' })
  await expect(preview.getByRole('region', { name: 'Text of ships.txt' })).toContainText(
    'passing ship at night',
  )
  await expect(page).toHaveURL(/doc=[0-9a-f-]{36}/)
  await page.reload()
  await expect(page.getByRole('dialog', { name: 'ships.txt' })).toBeVisible()
})

test('an .html file and a 6 MB file are refused before any request', async ({ page }) => {
  const sent = countRequests(page, UPLOAD_PATH)
  await openKnowledge(page, LORE_KEEPER)
  await page
    .getByLabel('Upload files')
    .setInputFiles([
      text('page.html', '<p>Hello</p>', 'text/html'),
      { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(6 * 1024 * 1024, 97) },
    ])
  const log = uploads(page)
  await expect(log.getByRole('listitem', { name: 'page.html' })).toContainText(
    'Refused before sending: .html files are not accepted.',
  )
  await expect(log.getByRole('listitem', { name: 'big.txt' })).toContainText(
    'Refused before sending: 6 MB is over the 5 MB limit per file.',
  )
  await expect(page.getByText('2 refused')).toBeVisible()
  expect(sent.count).toBe(0)
})

test('a partial failure is shown per file, not as one success', async ({ page }) => {
  await openKnowledge(page, LORE_KEEPER)
  await page
    .getByLabel('Upload files')
    .setInputFiles([
      text('good.txt', 'Otters hold hands while sleeping.'),
      text('blank.txt', '   \n  '),
    ])
  const log = uploads(page)
  await expect(log.getByRole('listitem', { name: 'good.txt' })).toContainText('Added · 1 fragment')
  await expect(log.getByRole('listitem', { name: 'blank.txt' })).toContainText(
    'Failed: KnowledgeService: No text content extracted from blank.txt (type: text/plain).',
  )
  await expect(page.getByText('1 added, 1 failed')).toBeVisible()
  await expect(documents(page).getByRole('listitem')).toHaveCount(1)
})

test('select two documents and delete them at once, after a confirmation', async ({ page }) => {
  await openKnowledge(page, SUPPORT_BOT)
  const list = documents(page)
  await expect(list.getByRole('listitem')).toHaveCount(2)
  await list.getByRole('checkbox', { name: 'Select pricing-faq.md' }).check()
  await list.getByRole('checkbox', { name: 'Select deploy-guide.txt' }).check()
  await expect(page.getByText('2 selected')).toBeVisible()
  await page.getByRole('button', { name: 'Delete', exact: true }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Delete 2 documents?' })
  await expect(dialog).toContainText('pricing-faq.md')
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('No documents yet')).toBeVisible()
  const res = await page.request.get(`/api/v1/knowledge?characterId=${SUPPORT_BOT}`)
  expect((await res.json()).total).toBe(0)
})

test('a 503 from the list is explained, and adding stays open', async ({ page, sandbox }) => {
  await sandbox.fault({
    path: '/api/v1/knowledge',
    method: 'GET',
    status: 503,
    body: {
      error: 'Knowledge service not available',
      details:
        'Service status: unknown. The knowledge plugin may not be loaded or is still initializing.',
    },
  })
  await openKnowledge(page, LORE_KEEPER)
  const state = page.getByRole('status').filter({ hasText: 'Knowledge service not available' })
  await expect(state).toContainText('at least one document')
  await expect(state.getByRole('link', { name: 'Open the official dashboard' })).toBeVisible()
  await page.getByLabel('Upload files').setInputFiles([text('first.txt', 'The very first note.')])
  await expect(uploads(page).getByRole('listitem', { name: 'first.txt' })).toContainText('Added')
  await expect(
    documents(page).getByRole('button', { name: 'first.txt', exact: true }),
  ).toBeVisible()
})

test('429 on upload counts down, then the failed files are sent again', async ({
  page,
  sandbox,
}) => {
  await sandbox.fault({
    path: UPLOAD_PATH,
    status: 429,
    headers: { 'Retry-After': '2' },
    body: {
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 60 requests per 60 seconds.',
      retryAfter: 2,
    },
  })
  await openKnowledge(page, LORE_KEEPER)
  await page
    .getByLabel('Upload files')
    .setInputFiles([text('later.md', '# Later', 'text/markdown')])
  await expect(uploads(page).getByRole('listitem', { name: 'later.md' })).toContainText(
    'Failed: Too many requests. Rate limit exceeded.',
  )
  const alert = page.getByRole('alert').filter({ hasText: 'retry' })
  await expect(alert).toContainText(/You can retry in \d s/)
  const retry = alert.getByRole('button', { name: 'Retry failed files' })
  await expect(retry).toBeDisabled()
  await expect(retry).toBeEnabled({ timeout: 5_000 })
  await retry.click()
  await expect(uploads(page).getByRole('listitem', { name: 'later.md' })).toContainText('Added')
})

test('pasted text and the query survive a reload, then the text is added', async ({ page }) => {
  await openKnowledge(page, LORE_KEEPER)
  await page.getByRole('button', { name: 'Paste text' }).click()
  const form = page.getByRole('form', { name: 'Paste text' })
  await form.getByRole('textbox', { name: 'Name' }).fill('tea-notes')
  await form.getByRole('textbox', { name: 'Content' }).fill('Green tea steeps for two minutes.')
  await page.getByRole('textbox', { name: 'Query' }).fill('steeping time')
  await page.reload()
  // The form opens by itself when a draft waits.
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('tea-notes')
  await expect(form.getByRole('textbox', { name: 'Content' })).toHaveValue(
    'Green tea steeps for two minutes.',
  )
  await expect(page.getByRole('textbox', { name: 'Query' })).toHaveValue('steeping time')
  await expect(form.getByText('Saved as tea-notes.txt.')).toBeVisible()
  await form.getByRole('button', { name: 'Add text' }).click()
  await expect(uploads(page).getByRole('listitem', { name: 'tea-notes.txt' })).toContainText(
    'Added · 1 fragment',
  )
  await expect(form.getByRole('textbox', { name: 'Name' })).toHaveValue('')
  await expect(
    documents(page).getByRole('button', { name: 'tea-notes.txt', exact: true }),
  ).toBeVisible()
})

test('search and sort of the documents live in the URL', async ({ page }) => {
  await openKnowledge(page, SUPPORT_BOT)
  await page.getByRole('searchbox', { name: 'Search documents' }).fill('faq')
  await expect(page).toHaveURL(/q=faq/)
  await expect(documents(page).getByRole('listitem')).toHaveCount(1)
  await page.getByRole('combobox', { name: 'Sort documents' }).selectOption('name')
  await expect(page).toHaveURL(/sort=name/)
  await page.reload()
  await expect(page.getByRole('searchbox', { name: 'Search documents' })).toHaveValue('faq')
  await expect(
    documents(page).getByRole('button', { name: 'pricing-faq.md', exact: true }),
  ).toBeVisible()
})

test('the Knowledge tab of an agent shows its documents, and the tab is in the URL', async ({
  page,
}) => {
  await page.goto(`/agents/${SUPPORT_BOT}`)
  await page.getByRole('tab', { name: 'Knowledge' }).click()
  await expect(page).toHaveURL(/tab=knowledge/)
  await expect(
    documents(page).getByRole('button', { name: 'pricing-faq.md', exact: true }),
  ).toBeVisible()
  await page.reload()
  await expect(page.getByRole('tab', { name: 'Knowledge' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect(
    documents(page).getByRole('button', { name: 'deploy-guide.txt', exact: true }),
  ).toBeVisible()
  await page.getByRole('tab', { name: 'Overview' }).click()
  await expect(page.getByRole('textbox', { name: 'System prompt' })).toBeVisible()
})

test('files attached on /agents/new survive a reload and are added to the created agent', async ({
  page,
}) => {
  await page.goto('/agents/new')
  await page
    .getByLabel('Upload files')
    .setInputFiles([
      text('faq.md', '# FAQ\nRefunds take three days.', 'text/markdown'),
      text('drop-me.txt', 'Not wanted.'),
    ])
  const attached = page.getByRole('list', { name: 'Attached files' })
  await expect(attached.getByRole('listitem', { name: 'faq.md' })).toContainText('Attached')
  await expect(attached.getByRole('listitem', { name: 'drop-me.txt' })).toContainText('Attached')
  await attached.getByRole('button', { name: 'Remove drop-me.txt' }).click()
  await expect(attached.getByRole('listitem', { name: 'drop-me.txt' })).toHaveCount(0)

  await page.reload()
  await expect(attached.getByRole('listitem', { name: 'faq.md' })).toContainText('Attached')
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Refund Helper')
  await page.getByRole('button', { name: 'Create agent' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Refund Helper' })).toBeVisible()
  await expect(page).toHaveURL(/\/agents\/[0-9a-f-]{36}\?tab=knowledge$/)
  const results = page.getByRole('list', { name: 'Attached files' })
  await expect(results.getByRole('listitem', { name: 'faq.md' })).toContainText(
    'Added · 1 fragment',
  )
  await expect(documents(page).getByRole('button', { name: 'faq.md', exact: true })).toBeVisible()
})

test('without agents, the page asks to create one', async ({ page }) => {
  for (const id of [SUPPORT_BOT, LORE_KEEPER, '5a4db0c0-0000-4000-8000-0000000000a3']) {
    expect((await page.request.delete(`/api/my-agents/characters/${id}`)).ok()).toBe(true)
  }
  await page.goto('/knowledge')
  await expect(page.getByText('No agents yet')).toBeVisible()
  await page.getByRole('link', { name: 'Create an agent' }).click()
  await expect(page).toHaveURL(/\/agents\/new$/)
})

test('Cmd+K "Add knowledge" opens the page with the file picker focused', async ({ page }) => {
  await page.goto('/')
  // The shortcut listens once the app has rendered.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await palette.getByRole('combobox', { name: 'Search pages and actions' }).fill('add knowledge')
  await palette.getByRole('option', { name: 'Add knowledge' }).click()
  await expect(page).toHaveURL(/\/knowledge#add$/)
  await expect(page.getByLabel('Upload files')).toBeFocused()
})
