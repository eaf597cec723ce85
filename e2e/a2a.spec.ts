// The A2A console against the sandbox: message/send from a skill form and the rendered task,
// tasks/get again after a reload (from the history), cancel of a finished task, the product
// description's tasks/send and its one-click fix, errors explained, the whole flow by keyboard.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

const result = (page: Page) => page.getByRole('region', { name: 'Result' })
const prompt = (page: Page) => page.getByRole('textbox', { name: 'Prompt' })
const history = (page: Page) => page.getByRole('list', { name: 'Task history' })
/** Opens the raw request or response of the last call (a collapsed <details>). */
const openRaw = (page: Page, which: 'Request' | 'Response') =>
  result(page)
    .locator('summary')
    .filter({ hasText: new RegExp(`^${which} ·`) })
    .click()
const headerBalance = (page: Page) => page.getByRole('status', { name: 'Credit balance' })

async function openConsole(page: Page, search = '') {
  await page.goto(`/a2a${search}`)
  await expect(page.getByRole('heading', { level: 1, name: 'A2A' })).toBeVisible()
  // The skills come from GET /api/a2a with the cloud's descriptions.
  await expect(page.getByRole('list', { name: 'Skills' })).toContainText('Generate text with LLMs')
}

test('send chat_completion from its form: the completed task, its usage artifact and the balance drop', async ({
  page,
}) => {
  await openConsole(page)
  await expect(headerBalance(page)).toContainText('$')
  // Requests for the balance made after the A2A answer arrived (the invalidation's refetch).
  let answered = false
  const balanceAfterAnswer: string[] = []
  page.on('response', (r) => {
    if (r.url().endsWith('/api/a2a') && r.request().method() === 'POST') answered = true
  })
  page.on('request', (r) => {
    if (answered && r.url().includes('/credits/balance')) balanceAfterAnswer.push(r.url())
  })
  // Checked before sending: nothing goes out without the prompt.
  let posts = 0
  page.on('request', (r) => {
    if (r.url().endsWith('/api/a2a') && r.method() === 'POST') posts++
  })
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByText('Prompt is required.')).toBeVisible()
  await expect(prompt(page)).toBeFocused()
  expect(posts).toBe(0)

  await prompt(page).fill('Summarise our refund policy in one line.')
  await page.getByRole('textbox', { name: /^Model/ }).fill('openai/gpt-4o-mini')
  await page.getByRole('spinbutton', { name: /^Temperature/ }).fill('5')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(page.getByText('Temperature must be between 0 and 2.')).toBeVisible()
  await page.getByRole('spinbutton', { name: /^Temperature/ }).fill('0.3')
  await page.getByRole('button', { name: 'Send', exact: true }).click()

  const res = result(page)
  await expect(res.getByText('completed', { exact: true })).toBeVisible()
  await expect(page).toHaveURL(/[?&]task=[0-9a-f-]{36}/)
  const usage = res.getByRole('listitem', { name: 'Artifact usage' })
  await expect(usage).toContainText('openai/gpt-4o-mini')
  await expect(usage).toContainText('Total tokens')
  await expect(usage.getByText(/^\$0\.0\d+$/)).toBeVisible()
  await expect(res.getByRole('listitem', { name: 'user message 1' })).toContainText(
    'Summarise our refund policy',
  )
  await expect(res.getByRole('listitem', { name: 'agent message 2' })).toBeVisible()
  // The raw exchange: the request as sent (type, not kind) and the response with its status.
  await openRaw(page, 'Request')
  const request = res.getByLabel('Request', { exact: true })
  await expect(request).toContainText('"method": "message/send"')
  await expect(request).toContainText('"type": "data"')
  await expect(request).not.toContainText('"kind"')
  await expect(res.getByText(/HTTP 200 · \d+ ms/)).toBeVisible()
  // View code: the three languages, the key as a variable.
  await res.getByRole('button', { name: 'View code' }).click()
  const code = page.getByRole('dialog', { name: 'View code' })
  await code.getByRole('button', { name: 'TypeScript' }).click()
  await expect(code.getByLabel('TypeScript code')).toContainText('@a2a-js/sdk')
  await expect(code.getByLabel('TypeScript code')).toContainText('$')
  await page.keyboard.press('Escape')
  // A billed skill ran: the balance is fetched again (its cost is a fraction of a cent here).
  await expect.poll(() => balanceAfterAnswer.length).toBeGreaterThan(0)
  await expect(history(page).getByRole('button', { name: /chat_completion/ })).toHaveCount(1)
})

test('tasks/get finds the task again after a reload; cancel of a completed task shows the real error', async ({
  page,
}) => {
  await openConsole(page, '?skill=check_balance')
  await page.getByRole('textbox', { name: 'Task id (optional)' }).fill('e2e-balance-1')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(result(page).getByText('completed', { exact: true })).toBeVisible()
  await expect(result(page).getByLabel(/Status message, part 1: data/)).toContainText('"balance"')
  await expect(page).toHaveURL(/task=e2e-balance-1/)

  await page.reload()
  // The URL's task is fetched again with tasks/get, and the history still lists it.
  await expect(result(page)).toContainText('tasks/get')
  await expect(result(page).getByText('completed', { exact: true })).toBeVisible()
  await expect(result(page).getByText('e2e-balance-1', { exact: true })).toBeVisible()
  const entry = history(page).getByRole('button', { name: /check_balance/ })
  await expect(entry).toContainText('e2e-balance-1')

  // Get task with a history length: only the last message comes back.
  await page.getByRole('spinbutton', { name: 'History length' }).fill('1')
  await page.getByRole('button', { name: 'Get task' }).click()
  await expect(result(page).getByRole('heading', { name: 'History (1)' })).toBeVisible()

  await page.getByRole('button', { name: 'Cancel task' }).click()
  const alert = result(page).getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'Internal error' })).toBeVisible()
  await expect(alert).toContainText('-32603')
  await expect(alert).toContainText('HTTP 500')
  await expect(alert).toContainText('Task e2e-balance-1 is already in terminal state: completed')
})

test('an unknown task: the real "not found", and a stored copy marked as stored', async ({
  page,
  sandbox,
}) => {
  await openConsole(page, '?skill=get_user_profile')
  await page.getByRole('textbox', { name: 'Task id (optional)' }).fill('e2e-expiring')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(result(page).getByText('completed', { exact: true })).toBeVisible()
  // A reset empties the cloud's task store, as the one-hour expiry would.
  await sandbox.reset()
  await page.reload()
  const alert = result(page).getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'Not found' })).toBeVisible()
  await expect(alert).toContainText('Task not found: e2e-expiring')
  const stored = result(page).getByRole('region', { name: 'Stored copy' })
  await expect(stored).toContainText('from this browser')
  await expect(stored.getByText('completed', { exact: true })).toBeVisible()
})

test('the product description’s tasks/send answers "method not found"; Use message/send fixes it', async ({
  page,
}) => {
  await openConsole(page)
  await page.getByRole('button', { name: 'Try the product description’s example' }).click()
  const alert = result(page).getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'Method not found' })).toBeVisible()
  await expect(alert).toContainText('-32601')
  await expect(alert).toContainText('HTTP 404')
  await expect(alert).toContainText('Method not found: tasks/send')
  await openRaw(page, 'Request')
  await expect(result(page).getByLabel('Request', { exact: true })).toContainText(
    '"method": "tasks/send"',
  )

  await page.getByRole('button', { name: 'Use message/send' }).click()
  await expect(result(page).getByText('completed', { exact: true })).toBeVisible()
  await expect(result(page).getByText('task-123', { exact: true })).toBeVisible()
  await expect(page).toHaveURL(/task=task-123/)
  await expect(result(page).getByLabel('Request', { exact: true })).toContainText(
    '"taskId": "task-123"',
  )
})

test('out of credits: -32011 explained, with Add credits and the balance', async ({
  page,
  sandbox,
}) => {
  await sandbox.setBalance(0)
  await openConsole(page)
  await prompt(page).fill('Hello')
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const res = result(page)
  await expect(res.getByRole('heading', { name: 'Insufficient credits' })).toBeVisible()
  await expect(res).toContainText('-32011')
  await expect(res).toContainText('HTTP 402')
  await expect(res.getByText('Your balance: $0.00.')).toBeVisible()
  await expect(res.getByRole('link', { name: 'Add credits' })).toHaveAttribute(
    'href',
    '/billing#add-credits',
  )
  // What was typed is still there.
  await expect(prompt(page)).toHaveValue('Hello')
})

test('an HTML answer and a network-level failure are explained, never a blank result', async ({
  page,
  sandbox,
}) => {
  await openConsole(page, '?skill=check_balance')
  await sandbox.fault({ path: '/api/a2a', method: 'POST', status: 502, shape: 'html', count: 1 })
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  const alert = result(page).getByRole('alert').first()
  await expect(alert.getByRole('heading', { name: 'Cloud unavailable' })).toBeVisible()
  await expect(alert).toContainText('HTTP 502')
  await openRaw(page, 'Response')
  await expect(result(page).getByLabel('Response', { exact: true })).toContainText('<')

  await sandbox.fault({ path: '/api/a2a', method: 'POST', status: 200, shape: 'empty', count: 1 })
  await page.getByRole('button', { name: 'Send', exact: true }).click()
  await expect(result(page).getByRole('heading', { name: 'Unreadable answer' })).toBeVisible()
  await expect(result(page)).toContainText('(empty body)')
})

test('the whole flow by keyboard: Cmd+K, the form, Send, Get task', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  await expect(page.getByRole('combobox', { name: 'Search pages and actions' })).toBeFocused()
  await page.keyboard.type('Send A2A task')
  // The action, not the "Go to A2A" page (which also matches), is the one Enter runs.
  const option = page.getByRole('option', { name: 'Send A2A task' })
  for (let i = 0; i < 5 && (await option.getAttribute('aria-selected')) !== 'true'; i++) {
    await page.keyboard.press('ArrowDown')
  }
  await expect(option).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  const skill = page.getByRole('combobox', { name: 'Skill' })
  await expect(skill).toBeFocused()
  await expect(page).toHaveURL(/\/a2a/)

  await page.keyboard.press('Tab')
  await expect(prompt(page)).toBeFocused()
  await page.keyboard.type('What is A2A?')
  const taskId = page.getByRole('textbox', { name: 'Task id (optional)' })
  const send = page.getByRole('button', { name: 'Send', exact: true })
  for (let i = 0; i < 10 && !(await taskId.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab')
  }
  await expect(taskId).toBeFocused()
  await page.keyboard.type('e2e-keys-1')
  await page.keyboard.press('Tab')
  await expect(send).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(result(page).getByText('completed', { exact: true })).toBeVisible()
  await expect(result(page)).toBeFocused()

  const getTask = page.getByRole('button', { name: 'Get task' })
  for (let i = 0; i < 40 && !(await getTask.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab')
  }
  await expect(getTask).toBeFocused()
  await expect(page.getByRole('textbox', { name: 'Task id', exact: true })).toHaveValue(
    'e2e-keys-1',
  )
  await page.keyboard.press('Enter')
  await expect(result(page)).toContainText('The answer to tasks/get')
  await expect(result(page).getByText('completed', { exact: true })).toBeVisible()
})
