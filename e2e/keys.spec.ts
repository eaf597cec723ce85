// The API keys page against the sandbox (key management with a key: its named extension): a
// chat-only key shown once, used straight at the sandbox (chat allowed, images refused) and
// revoked; rename, disable/enable and regenerate; the console's own key marked, protected and
// replaced; the session-only page of the cloud; search and sort in the URL.
import type { APIRequestContext, Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { CANARY_KEY } from './env.ts'

const SEED_KEY_ID = '5a4db0c0-0000-4000-8000-000000000003'
const SECRET = /^eliza_[0-9a-f]{64}$/

type Sandbox = { http: APIRequestContext; dispose(): Promise<void> }

/** Straight at the in-memory sandbox, as a program holding a key would call it. */
async function sandboxClient(
  playwright: { request: { newContext(o: { baseURL: string }): Promise<APIRequestContext> } },
  sandboxUrl: string,
): Promise<Sandbox> {
  const http = await playwright.request.newContext({ baseURL: sandboxUrl })
  return { http, dispose: () => http.dispose() }
}

const chat = (http: APIRequestContext, key: string) =>
  http.post('/api/v1/chat/completions', {
    headers: { 'X-API-Key': key },
    data: { model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] },
  })
const balance = (http: APIRequestContext, key: string) =>
  http.get('/api/v1/credits/balance', { headers: { 'X-API-Key': key } })

async function createKeyDirectly(
  http: APIRequestContext,
  name: string,
  permissions: string[] = [],
) {
  const res = await http.post('/api/v1/api-keys', {
    headers: { 'X-API-Key': CANARY_KEY },
    data: { name, permissions },
  })
  expect(res.status()).toBe(201)
  return (await res.json()) as { apiKey: { id: string }; plainKey: string }
}

const keyCard = (page: Page, name: string) =>
  page
    .getByRole('list', { name: 'API keys' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name, exact: true }) })

async function act(page: Page, name: string, action: string) {
  await keyCard(page, name)
    .getByRole('button', { name: `Actions for ${name}` })
    .click()
  await page.getByRole('menuitem', { name: action }).click()
}

async function readSecret(page: Page): Promise<string> {
  const secret = await page.getByRole('textbox', { name: 'Secret key' }).inputValue()
  expect(secret).toMatch(SECRET)
  return secret
}

test('a chat-only key: its secret once, then it chats and is refused images', async ({
  page,
  playwright,
  stack,
}) => {
  const sb = await sandboxClient(playwright, stack.sandboxUrl)
  await page.goto('/keys')
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible()
  await expect(page.getByText('The sandbox enforces permissions and rate limits')).toBeVisible()

  await page.getByRole('button', { name: 'Create key' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create key' })
  // Bad input gets a message before any request.
  await dialog.getByRole('button', { name: 'Create' }).click()
  await expect(dialog.getByText('Give the key a name.')).toBeVisible()
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Chat bot')
  await dialog.getByRole('checkbox', { name: 'Chat chat' }).check()
  await dialog.getByRole('button', { name: 'Create' }).click()

  const secretDialog = page.getByRole('dialog', { name: 'Key “Chat bot” created' })
  await expect(secretDialog).toBeVisible()
  const secret = await readSecret(page)
  await expect(secretDialog.getByRole('button', { name: 'Copy key' })).toBeVisible()

  // Straight at the sandbox: chat is allowed, images are not.
  expect((await chat(sb.http, secret)).status()).toBe(200)
  const images = await sb.http.post('/api/v1/generate-image', {
    headers: { 'X-API-Key': secret },
    data: { prompt: 'a cat' },
  })
  expect(images.status()).toBe(403)

  // Once closed, the secret is nowhere in the page, not even after the list's refetch.
  await secretDialog.getByRole('button', { name: 'Done' }).click()
  await expect(secretDialog).toBeHidden()
  const card = keyCard(page, 'Chat bot')
  await expect(card.getByText(secret.slice(0, 12) + '…')).toBeVisible()
  await expect(card.getByText('Chat', { exact: true })).toBeVisible()
  expect(await page.content()).not.toContain(secret)

  await sb.dispose()
})

test('a revoked key gets 401 at once', async ({ page, playwright, stack }) => {
  const sb = await sandboxClient(playwright, stack.sandboxUrl)
  const { plainKey } = await createKeyDirectly(sb.http, 'Chat bot', ['chat'])
  expect((await chat(sb.http, plainKey)).status()).toBe(200)
  await page.goto('/keys')
  await act(page, 'Chat bot', 'Delete')
  const confirm = page.getByRole('alertdialog', { name: 'Delete “Chat bot”?' })
  await expect(confirm.getByText('This cannot be undone.')).toBeVisible()
  await confirm.getByRole('button', { name: 'Delete key' }).click()
  // (While a dialog is open the page behind it is hidden from the accessibility tree.)
  await expect(confirm).toBeHidden()
  await expect(keyCard(page, 'Chat bot')).toHaveCount(0)
  expect((await chat(sb.http, plainKey)).status()).toBe(401)
  await sb.dispose()
})

test('rename a key', async ({ page, playwright, stack }) => {
  const sb = await sandboxClient(playwright, stack.sandboxUrl)
  await createKeyDirectly(sb.http, 'Nightly job')
  await page.goto('/keys')

  await act(page, 'Nightly job', 'Rename')
  const rename = page.getByRole('dialog', { name: 'Rename key' })
  await rename.getByRole('textbox', { name: 'Name' }).fill('Nightly export')
  await rename.getByRole('button', { name: 'Save' }).click()
  await expect(rename).toBeHidden()
  await expect(keyCard(page, 'Nightly export')).toBeVisible()
  await sb.dispose()
})

test('disable asks first and stops the key; enable brings it back', async ({
  page,
  playwright,
  stack,
}) => {
  const sb = await sandboxClient(playwright, stack.sandboxUrl)
  const { plainKey } = await createKeyDirectly(sb.http, 'Nightly export')
  await page.goto('/keys')
  await act(page, 'Nightly export', 'Disable')
  await page
    .getByRole('alertdialog', { name: 'Disable “Nightly export”?' })
    .getByRole('button', { name: 'Disable key' })
    .click()
  await expect(page.getByRole('alertdialog')).toBeHidden()
  await expect(keyCard(page, 'Nightly export').getByText('Disabled')).toBeVisible()
  expect((await balance(sb.http, plainKey)).status()).toBe(401)

  await act(page, 'Nightly export', 'Enable')
  await expect(keyCard(page, 'Nightly export').getByText('Active')).toBeVisible()
  expect((await balance(sb.http, plainKey)).status()).toBe(200)
  await sb.dispose()
})

test('regenerate asks first, then the old secret stops at once', async ({
  page,
  playwright,
  stack,
}) => {
  const sb = await sandboxClient(playwright, stack.sandboxUrl)
  const { plainKey } = await createKeyDirectly(sb.http, 'Nightly export')
  await page.goto('/keys')
  await act(page, 'Nightly export', 'Regenerate')
  const confirm = page.getByRole('alertdialog', { name: 'Regenerate “Nightly export”?' })
  await expect(confirm.getByText('The old secret stops working at once')).toBeVisible()
  await confirm.getByRole('button', { name: 'Regenerate key' }).click()
  await expect(page.getByRole('dialog', { name: 'New secret for “Nightly export”' })).toBeVisible()
  const fresh = await readSecret(page)
  expect(fresh).not.toBe(plainKey)
  expect((await balance(sb.http, plainKey)).status()).toBe(401)
  expect((await balance(sb.http, fresh)).status()).toBe(200)
  await page.getByRole('button', { name: 'Done' }).click()
  expect(await page.content()).not.toContain(fresh)
  await sb.dispose()
})

test("the console's own key is marked, asks first, and the console keeps working without it", async ({
  page,
  playwright,
  stack,
  request,
}) => {
  const sb = await sandboxClient(playwright, stack.sandboxUrl)
  try {
    await page.goto('/keys')
    const seeded = keyCard(page, 'Sandbox key')
    await expect(seeded.getByText('This console’s key')).toBeVisible()

    // Asking first, in plain words; Cancel changes nothing.
    await act(page, 'Sandbox key', 'Disable')
    const confirm = page.getByRole('alertdialog', { name: 'Disable “Sandbox key”?' })
    await expect(confirm.getByText('This is the key this console itself uses.')).toBeVisible()
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect(seeded.getByText('Active')).toBeVisible()

    await act(page, 'Sandbox key', 'Disable')
    await confirm.getByRole('button', { name: 'Disable key' }).click()
    await expect(confirm).toBeHidden()
    await expect(
      page.getByText(/This console switched to the key eliza_[0-9a-f]{6}…/),
    ).toBeVisible()
    await expect(seeded.getByText('Disabled')).toBeVisible()
    await expect(keyCard(page, 'Console key').getByText('This console’s key')).toBeVisible()
    await expect(seeded.getByText('This console’s key')).toHaveCount(0)
    // The configured key is refused, yet the console works on: a reload, the balance, a call.
    expect((await balance(sb.http, CANARY_KEY)).status()).toBe(401)
    expect((await request.get('/api/v1/credits/balance')).status()).toBe(200)
    await page.reload()
    await expect(keyCard(page, 'Console key')).toBeVisible()
  } finally {
    // Whatever happened above, the next test starts with the proxy on the configured key.
    await restoreConsoleKey(request)
    await sb.dispose()
  }
})

test("deleting the console's replacement key returns it to the configured one", async ({
  page,
  request,
}) => {
  try {
    // Disabled through the console's own proxy, as the page does: the proxy switches keys.
    expect(
      (
        await request.patch(`/api/v1/api-keys/${SEED_KEY_ID}`, { data: { is_active: false } })
      ).status(),
    ).toBe(200)
    await page.goto('/keys')
    const seeded = keyCard(page, 'Sandbox key')
    await expect(keyCard(page, 'Console key').getByText('This console’s key')).toBeVisible()

    // Enable the configured key again and delete the replacement: the console goes back to it.
    await act(page, 'Sandbox key', 'Enable')
    await expect(seeded.getByText('Active')).toBeVisible()
    await act(page, 'Console key', 'Delete')
    const del = page.getByRole('alertdialog', { name: 'Delete “Console key”?' })
    await expect(del.getByText('This is the key this console itself uses.')).toBeVisible()
    await del.getByRole('button', { name: 'Delete key' }).click()
    await expect(del).toBeHidden()
    await expect(keyCard(page, 'Console key')).toHaveCount(0)
    await expect(
      page.getByText(`This console switched to the key ${CANARY_KEY.slice(0, 12)}…`),
    ).toBeVisible()
    await expect(seeded.getByText('This console’s key')).toBeVisible()
    expect((await request.get('/api/v1/credits/balance')).status()).toBe(200)
  } finally {
    await restoreConsoleKey(request)
  }
})

/** Puts the proxy back on the configured key (through the proxy: key-keeper.ts returns to it). */
async function restoreConsoleKey(request: APIRequestContext) {
  const info = (await (await request.get('/_console/info')).json()) as {
    consoleKey?: { prefix: string }
  }
  const prefix = info.consoleKey?.prefix
  if (prefix === undefined || prefix === CANARY_KEY.slice(0, 12)) return
  await request.patch(`/api/v1/api-keys/${SEED_KEY_ID}`, { data: { is_active: true } })
  const { keys } = (await (await request.get('/api/v1/api-keys')).json()) as {
    keys: { id: string; key_prefix: string }[]
  }
  const current = keys.find((k) => k.key_prefix === prefix)
  if (current) await request.delete(`/api/v1/api-keys/${current.id}`)
}

test('strict mode (the cloud): an honest session-only page with no broken controls', async ({
  page,
  sandbox,
}) => {
  // What the cloud (and SANDBOX_STRICT=1) answers an API key on every key route.
  await sandbox.fault({
    path: '/api/v1/api-keys',
    method: 'GET',
    // Every call, as the cloud answers every one (the loader's and the page's).
    count: 50,
    status: 401,
    body: {
      success: false,
      error:
        'This endpoint requires session authentication. API keys and Bearer tokens are not accepted.',
      code: 'session_auth_required',
    },
  })
  await page.goto('/keys')
  await expect(page.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible()
  await expect(page.getByText('Key management needs a dashboard login')).toBeVisible()
  const link = page.getByRole('link', { name: 'Manage keys in the dashboard' })
  await expect(link).toHaveAttribute('href', /^https:\/\/www\.elizacloud\.ai\/dashboard/)
  await expect(page.getByText(/stops the console \(401 on every page\)/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Create key' })).toHaveCount(0)
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toHaveCount(0)
})

test('search, status and sort are in the URL and survive a reload', async ({
  page,
  playwright,
  stack,
}) => {
  const sb = await sandboxClient(playwright, stack.sandboxUrl)
  await createKeyDirectly(sb.http, 'beta worker', ['agents'])
  await createKeyDirectly(sb.http, 'alpha worker', ['chat'])
  await sb.dispose()
  await page.goto('/keys')
  const list = page.getByRole('list', { name: 'API keys' })
  await expect(list.getByRole('listitem')).toHaveCount(3)

  await page.getByRole('searchbox', { name: 'Search keys' }).fill('worker')
  await expect(page).toHaveURL(/q=worker/)
  await page.getByRole('combobox', { name: 'Sort by' }).selectOption('name')
  await page.getByRole('button', { name: 'Descending: sort ascending' }).click()
  await expect(page).toHaveURL(/sort=name/)
  await expect(page).toHaveURL(/order=asc/)
  await expect(list.getByRole('heading')).toHaveText(['alpha worker', 'beta worker'])

  await page.reload()
  await expect(page.getByRole('searchbox', { name: 'Search keys' })).toHaveValue('worker')
  await expect(page.getByRole('combobox', { name: 'Sort by' })).toHaveValue('name')
  await expect(list.getByRole('heading')).toHaveText(['alpha worker', 'beta worker'])
  await expect(page.getByText('2 of 3 keys')).toBeVisible()

  // A search for a permission.
  await page.getByRole('searchbox', { name: 'Search keys' }).fill('agents')
  await expect(list.getByRole('heading')).toHaveText(['beta worker', 'Sandbox key'])
})

test('Cmd+K "Create key" opens the create dialog', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await palette.getByRole('combobox', { name: 'Search pages and actions' }).fill('create key')
  await palette.getByRole('option', { name: 'Create key', exact: true }).click()
  await expect(page).toHaveURL(/\/keys#create$/)
  await expect(page.getByRole('dialog', { name: 'Create key' })).toBeVisible()
})
