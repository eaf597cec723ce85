// The agent detail page's sharing, publishing and monetization, the hosted runtime's logs, restart
// and delete, and the global "New agent" command — against the sandbox.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

/** Seeded agents (sandbox/core/seed.ts): Support Bot is private, Lore Keeper public. */
const SUPPORT_BOT = '5a4db0c0-0000-4000-8000-0000000000a1'

async function openAgent(page: Page, id: string, name: string) {
  await page.goto(`/agents/${id}`)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
}

test('publish with monetization, turn it off behind a confirmation, then unpublish', async ({
  page,
}) => {
  await openAgent(page, SUPPORT_BOT, 'Support Bot')
  const sharing = page.getByRole('region', { name: 'Sharing and publishing' })
  const money = page.getByRole('region', { name: 'Monetization' })
  await expect(sharing.getByText('Private', { exact: true })).toBeVisible()
  // A private agent cannot be monetized: the cloud refuses, so the control says why.
  await expect(money.getByRole('checkbox', { name: 'Charge for usage' })).toBeDisabled()
  await expect(money.getByText('Only a public agent can be monetized')).toBeVisible()

  await sharing.getByRole('button', { name: 'Publish…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Publish Support Bot' })
  await dialog.getByRole('checkbox', { name: 'Monetization' }).check()
  const markup = dialog.getByRole('textbox', { name: 'Markup (%)' })
  await markup.fill('1500')
  await dialog.getByRole('button', { name: 'Publish agent' }).click()
  // The cloud would silently publish with the defaults: the limit is checked before sending.
  await expect(markup).toHaveAccessibleDescription('Between 0 and 1000')
  await markup.fill('25')
  await dialog.getByRole('textbox', { name: 'Payout wallet address' }).fill('0xabc123')
  await dialog.getByRole('button', { name: 'Publish agent' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByText('Agent published successfully')).toBeVisible()

  await expect(sharing.getByText('Public', { exact: true })).toBeVisible()
  // On the sandbox, links open this console (its chat with the agent, its proxy), never the
  // sandbox's internal address, where no page answers.
  const origin = new URL(page.url()).origin
  const shareLink = sharing.getByRole('textbox', { name: 'Share link' })
  await expect(shareLink).toHaveValue(`${origin}/chat?agent=${SUPPORT_BOT}`)
  const cardUrl = sharing.getByRole('textbox', { name: 'A2A agent card URL' })
  await expect(cardUrl).toHaveValue(`${origin}/api/agents/${SUPPORT_BOT}/a2a`)
  const card = await page.request.get(await cardUrl.inputValue())
  expect(card.status()).toBe(200)
  expect(((await card.json()) as { name: string }).name).toBe('Support Bot')
  await expect(page.getByText(/@support-bot · Public/)).toBeVisible()
  await expect(money.getByText('On', { exact: true })).toBeVisible()
  await expect(money.getByRole('textbox', { name: 'Markup (%)' })).toHaveValue('25')
  await expect(money.getByRole('textbox', { name: 'Payout wallet address' })).toHaveValue(
    '0xabc123',
  )

  // Change the markup (no confirmation), then turn monetization off (confirmation).
  await money.getByRole('textbox', { name: 'Markup (%)' }).fill('40')
  await expect(money.getByRole('status').filter({ hasText: 'Unsaved changes' })).toBeVisible()
  await money.getByRole('button', { name: 'Save monetization' }).click()
  // saved: the form starts again from the saved values, with nothing left to ask about
  await expect(money.getByRole('status').filter({ hasText: 'Unsaved changes' })).toHaveCount(0)
  await page.reload()
  await expect(money.getByRole('textbox', { name: 'Markup (%)' })).toHaveValue('40')
  await money.getByRole('checkbox', { name: 'Charge for usage' }).uncheck()
  await money.getByRole('button', { name: 'Save monetization' }).click()
  const off = page.getByRole('alertdialog', { name: 'Turn off monetization for Support Bot?' })
  await off.getByRole('button', { name: 'Cancel' }).click()
  await expect(off).toBeHidden()
  await expect(money.getByText('On', { exact: true })).toBeVisible()
  await money.getByRole('button', { name: 'Save monetization' }).click()
  await off.getByRole('button', { name: 'Turn off' }).click()
  await expect(off).toBeHidden()
  await expect(money.getByText('Off', { exact: true })).toBeVisible()

  // Unpublish, behind a confirmation.
  await sharing.getByRole('button', { name: 'Unpublish' }).click()
  const confirm = page.getByRole('alertdialog', { name: 'Unpublish Support Bot?' })
  await confirm.getByRole('button', { name: 'Unpublish agent' }).click()
  await expect(confirm).toBeHidden()
  await expect(page.getByText('Support Bot is private again')).toBeVisible()
  await expect(sharing.getByText('Private', { exact: true })).toBeVisible()
  await expect(sharing.getByRole('textbox', { name: 'Share link' })).toHaveCount(0)
  await expect(money.getByRole('checkbox', { name: 'Charge for usage' })).toBeDisabled()
})

test('a public agent shows its endpoints and client configurations after a reload, and Test fetches its card', async ({
  page,
}) => {
  await openAgent(page, SUPPORT_BOT, 'Support Bot')
  const sharing = page.getByRole('region', { name: 'Sharing and publishing' })
  await sharing.getByRole('button', { name: 'Publish…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Publish Support Bot' })
  await dialog.getByRole('checkbox', { name: 'A2A endpoint' }).uncheck()
  await dialog.getByRole('button', { name: 'Publish agent' }).click()
  await expect(dialog).toBeHidden()

  // The share answer has no endpoints for this agent: after a reload they come from the directory.
  await page.reload()
  const endpoints = sharing.getByRole('region', { name: 'Endpoints and client configuration' })
  await expect(endpoints.getByRole('textbox', { name: 'MCP endpoint' })).toHaveValue(
    new RegExp(`/api/agents/${SUPPORT_BOT}/mcp$`),
  )
  await expect(endpoints.getByRole('textbox', { name: 'A2A agent card URL' })).toHaveValue(
    new RegExp(`/api/agents/${SUPPORT_BOT}/a2a$`),
  )
  await endpoints.getByRole('tab', { name: 'Cursor' }).click()
  await expect(endpoints.getByLabel('Cursor MCP configuration')).toContainText(
    'Bearer ${env:ELIZACLOUD_API_KEY}',
  )

  // A2A was left off when publishing: the card is refused, and Test says so.
  await endpoints.getByRole('button', { name: 'Test' }).click()
  await expect(endpoints.getByText('A2A not enabled for this agent')).toBeVisible()

  // Publish again with A2A on (unpublish first: publishing a public agent changes nothing).
  await sharing.getByRole('button', { name: 'Unpublish' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Unpublish agent' }).click()
  await sharing.getByRole('button', { name: 'Publish…' }).click()
  await dialog.getByRole('button', { name: 'Publish agent' }).click()
  await expect(dialog).toBeHidden()
  await endpoints.getByRole('button', { name: 'Test' }).click()
  await expect(endpoints.getByTestId('agent-card-test')).toContainText(
    'Agent card served: Support Bot',
  )
  await endpoints.getByRole('link', { name: 'Open in Discover' }).click()
  await expect(page).toHaveURL(new RegExp(`/discover/${SUPPORT_BOT}\\?`))
})

test('a session-only refusal sends to the dashboard; the retry then makes the agent public', async ({
  page,
  sandbox,
}) => {
  await openAgent(page, SUPPORT_BOT, 'Support Bot')
  const sharing = page.getByRole('region', { name: 'Sharing and publishing' })
  await sandbox.fault({
    path: `/api/my-agents/characters/${SUPPORT_BOT}/share`,
    method: 'PUT',
    status: 401,
    body: {
      success: false,
      error:
        'This endpoint requires session authentication. API keys and Bearer tokens are not accepted.',
      code: 'session_auth_required',
    },
  })
  await sharing.getByRole('button', { name: 'Make public' }).click()
  await expect(sharing.getByText('This needs a dashboard login')).toBeVisible()
  await expect(sharing.getByRole('link', { name: 'Open the dashboard' })).toHaveAttribute(
    'href',
    /elizacloud\.ai\/dashboard/,
  )
  await sharing.getByRole('button', { name: 'Make public' }).click()
  await expect(sharing.getByText('Public', { exact: true })).toBeVisible()
  const shareLink = sharing.getByRole('textbox', { name: 'Share link' })
  await expect(shareLink).toHaveValue(/\/chat\?agent=/)
  // the link opens this console's chat with the agent
  await page.goto(await shareLink.inputValue())
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue(/^agent:/)
  await expect(page.getByText(/answers in persona/)).toBeVisible()
})

test('a failing share status shows its error with a retry', async ({ page, sandbox }) => {
  await sandbox.fault({
    path: `/api/my-agents/characters/${SUPPORT_BOT}/share`,
    method: 'GET',
    status: 500,
    body: { success: false, error: 'Failed to get share status' },
    count: 10,
  })
  await openAgent(page, SUPPORT_BOT, 'Support Bot')
  const sharing = page.getByRole('region', { name: 'Sharing and publishing' })
  await expect(sharing.getByText('The cloud hit an error (500)')).toBeVisible()
  await sandbox.clearFaults()
  await sharing.getByRole('button', { name: 'Retry' }).click()
  await expect(sharing.getByText('Private', { exact: true })).toBeVisible()
})

async function deployNewAgent(page: Page, name: string) {
  await page.goto('/agents/new')
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  await page.getByRole('button', { name: 'Create agent' }).click()
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  const runtime = page.getByRole('region', { name: 'Hosted runtime' })
  await runtime.getByRole('button', { name: 'Deploy' }).click()
  await expect(runtime.getByRole('status', { name: 'Runtime status: Running' })).toBeVisible()
  return runtime
}

test('runtime logs: view, follow, copy; restart; a failed restart shows why', async ({
  page,
  context,
  sandbox,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await sandbox.setTiming({ lifecycleStepMs: 200 })
  const runtime = await deployNewAgent(page, 'Logger')
  const logs = runtime.getByRole('log', { name: 'Runtime logs' })
  await expect(logs).toContainText('[bridge] Listening on')
  await expect(logs).toContainText('Agent "Logger" created')

  const follow = runtime.getByRole('button', { name: 'Follow' })
  await expect(follow).toHaveAttribute('aria-pressed', 'false')
  await follow.click()
  await expect(follow).toHaveAttribute('aria-pressed', 'true')
  await runtime.getByRole('combobox', { name: 'Log lines' }).selectOption('500')
  await expect(logs).toContainText('[bridge] Listening on')

  await runtime.getByRole('button', { name: 'Copy logs' }).click()
  await expect(runtime.getByRole('button', { name: 'Copied' })).toBeVisible()
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  expect(copied).toContain('[bridge] Listening on')

  await runtime.getByRole('button', { name: 'Restart' }).click()
  await expect(runtime.getByRole('button', { name: 'Restart' })).toBeEnabled()
  await expect(runtime.getByRole('status', { name: 'Runtime status: Running' })).toBeVisible()

  await sandbox.fault({
    path: '/api/compat/agents/',
    method: 'POST',
    status: 502,
    body: {
      success: true,
      data: { jobId: 'x', status: 'failed', message: 'agent restart failed' },
    },
  })
  await runtime.getByRole('button', { name: 'Restart' }).click()
  await expect(runtime.getByText('The cloud hit an error (502)')).toBeVisible()
})

test('deleting the runtime asks first, keeps the agent, and a refusal stays in the dialog', async ({
  page,
  sandbox,
}) => {
  await sandbox.setTiming({ lifecycleStepMs: 200 })
  const runtime = await deployNewAgent(page, 'Ephemeral')

  await sandbox.fault({
    path: '/api/v1/milady/agents/',
    method: 'DELETE',
    status: 409,
    body: { success: false, error: 'Agent provisioning is in progress' },
  })
  await runtime.getByRole('button', { name: 'Delete runtime' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Delete the runtime of Ephemeral?' })
  await dialog.getByRole('button', { name: 'Delete runtime' }).click()
  await expect(dialog.getByText('It conflicts with what is there')).toBeVisible()
  await expect(dialog).toBeVisible()

  await dialog.getByRole('button', { name: 'Delete runtime' }).click()
  await expect(dialog).toBeHidden()
  await expect(runtime.getByText('Not deployed.')).toBeVisible()
  await expect(runtime.getByRole('button', { name: 'Deploy' })).toBeVisible()
  await expect(page.getByRole('heading', { level: 1, name: 'Ephemeral' })).toBeVisible()
  await page.reload()
  await expect(runtime.getByText('Not deployed.')).toBeVisible()
})

test('Cmd+K offers "New agent" and "Chat with <agent>" on any page', async ({ page }) => {
  await page.goto('/billing')
  // The shortcut is heard once the app has started: wait for the page first.
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await palette.getByRole('combobox', { name: 'Search pages and actions' }).fill('new agent')
  await expect(palette.getByRole('option', { name: 'New agent' })).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/\/agents\/new$/)
  await expect(page.getByRole('heading', { level: 1, name: 'New agent' })).toBeVisible()

  await page.keyboard.press('ControlOrMeta+k')
  await palette.getByRole('combobox', { name: 'Search pages and actions' }).fill('chat with pixel')
  await palette.getByRole('option', { name: 'Chat with Pixel Muse' }).click()
  await expect(page).toHaveURL(/\/chat\?agent=5a4db0c0-0000-4000-8000-0000000000a3/)
})
