// The chat playground against the sandbox: streaming with per-reply statistics, Stop, Regenerate,
// an agent in persona, persistence across a reload, and the 402 / 429 / cut-stream states.
import type { Page } from '@playwright/test'
import { SEED } from '../sandbox/core/seed.ts'
import { expect, test } from './fixtures.ts'

const COMPLETIONS = '/api/v1/chat/completions'
const MODEL = 'openai/gpt-4o-mini'
const LORE_KEEPER = SEED.agentIds[1]

const log = (page: Page) => page.getByRole('log', { name: 'Conversation' })
const message = (page: Page) => page.getByRole('textbox', { name: 'Message' })
const replies = (page: Page, author = MODEL) =>
  log(page).getByRole('article', { name: new RegExp(`^${author.replace(/[/.]/g, '\\$&')}`) })

async function openChat(page: Page, path = '/chat') {
  await page.goto(path)
  await expect(page.getByRole('combobox', { name: 'Target' })).toBeVisible()
}

async function send(page: Page, text: string) {
  await message(page).fill(text)
  await message(page).press('Enter')
}

test('streams a reply from a model, with its statistics', async ({ page }) => {
  // Opened from the sidebar, the chat puts the cursor in the message box.
  await page.goto('/')
  await page.getByRole('link', { name: 'Chat', exact: true }).click()
  await expect(message(page)).toBeFocused()
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue(`model:${MODEL}`)
  // Before sending: the request's size against the context window, and its estimated cost.
  await message(page).fill('Tell me about compilers, please.')
  await expect(page.getByRole('meter', { name: /context window/ })).toBeVisible()
  await expect(page.getByText(/of 128,000 tokens · est\. ≤ \$/)).toBeVisible()
  await message(page).press('Enter')

  const reply = replies(page).first()
  await expect(reply).toBeVisible()
  await expect(log(page).getByRole('article', { name: 'You' })).toContainText('compilers')
  const stats = reply.getByRole('definition')
  await expect(reply.getByText('Finish:')).toBeVisible()
  await expect(reply).toContainText(/Tokens in:\s*\d+/)
  await expect(reply).toContainText(/Tokens out:\s*\d+/)
  await expect(reply).toContainText(/Cost:\s*\$0\.0/)
  await expect(reply).toContainText(/Time to first token:\s*\d/)
  await expect(reply).toContainText(/Speed:\s*(\d|—)/)
  await expect(stats.last()).toHaveText('stop')
  // The reply text itself arrived (more than the statistics).
  await expect(reply.locator('p').first()).not.toBeEmpty()
  // Saved: the URL holds the conversation id, the draft is empty, the list shows it.
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/)
  await expect(message(page)).toHaveValue('')
  await expect(
    page.getByRole('navigation', { name: 'Conversations' }).getByRole('link', {
      name: /Tell me about compilers/,
    }),
  ).toBeVisible()
})

test('Stop keeps the partial reply marked as stopped; Regenerate replaces it', async ({
  page,
  sandbox,
}) => {
  // A prompt the sandbox answers at length (≈ 100 tokens, 10 s at this pace), so the reply is
  // still streaming when Stop is pressed even on a loaded machine (a short reply could finish first).
  await sandbox.setTiming({ tokenDelayMs: 100 })
  await openChat(page)
  await send(page, 'Explain how compilers work, step by step, as a list.')
  const stop = page.getByRole('button', { name: 'Stop' })
  await expect(stop).toBeVisible()
  // Some tokens are on screen before stopping.
  const streaming = log(page).getByRole('article', { name: MODEL })
  await expect.poll(async () => (await streaming.innerText()).length).toBeGreaterThan(60)
  await message(page).press('Escape')

  const stopped = log(page).getByRole('article', { name: `${MODEL}, stopped` })
  await expect(stopped).toBeVisible()
  await expect(stopped.getByText('Stopped', { exact: true })).toBeVisible()
  const partial = await stopped.locator('p').first().innerText()
  expect(partial.length).toBeGreaterThan(0)
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()

  await sandbox.setTiming({ tokenDelayMs: 0 })
  await page.getByRole('button', { name: 'Regenerate' }).click()
  await expect(stopped).toHaveCount(0)
  await expect(log(page).getByRole('article', { name: MODEL })).toHaveCount(1)
  await expect(log(page).getByRole('article', { name: MODEL })).toContainText('Finish:')
  await expect(log(page).getByRole('article', { name: 'You' })).toHaveCount(1)
})

test('talks to one of my agents in persona, and finds it again after a reload', async ({
  page,
}) => {
  await openChat(page, `/chat?agent=${LORE_KEEPER}`)
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue(`agent:${LORE_KEEPER}`)
  await expect(page.getByText(/Lore Keeper answers in persona/)).toBeVisible()
  await send(page, 'Who are you?')
  const reply = replies(page, 'Lore Keeper').first()
  await expect(reply).toContainText('Lore Keeper')
  await expect(reply).toContainText(/Cost:\s*\$0\.0/)
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/)
  const url = page.url()

  // A draft typed now survives the reload (debounced into localStorage).
  await message(page).fill('A question I have not sent yet')
  await expect
    .poll(() =>
      page.evaluate(() =>
        Object.keys(localStorage).some((k) =>
          (localStorage.getItem(k) ?? '').includes('not sent yet'),
        ),
      ),
    )
    .toBe(true)
  await page.reload()
  expect(page.url()).toBe(url)
  await expect(log(page).getByRole('article', { name: 'You' })).toContainText('Who are you?')
  await expect(replies(page, 'Lore Keeper').first()).toContainText('Lore Keeper')
  await expect(message(page)).toHaveValue('A question I have not sent yet')

  // The conversation is listed and found by search from a new chat.
  await page.goto('/chat')
  const list = page.getByRole('navigation', { name: 'Conversations' })
  await list.getByRole('searchbox', { name: 'Search conversations' }).fill('who are')
  await list.getByRole('link', { name: /Who are you\?/ }).click()
  await expect(page).toHaveURL(url)
  await expect(log(page).getByRole('article', { name: 'You' })).toContainText('Who are you?')
})

test('402 shows the balance and a top-up link, and keeps the draft', async ({ page, sandbox }) => {
  await sandbox.setBalance(0.001)
  await sandbox.fault({
    path: COMPLETIONS,
    status: 402,
    body: {
      error: {
        message: 'Insufficient credits. Required: $0.0042',
        type: 'insufficient_quota',
        code: 'insufficient_credits',
      },
    },
  })
  await openChat(page)
  await send(page, 'This will not be billed')
  const alert = page.getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'Out of credits' })).toBeVisible()
  await expect(page.getByText('Your balance: $0.001')).toBeVisible()
  await expect(alert.getByRole('link', { name: 'Add credits' })).toHaveAttribute(
    'href',
    '/billing#add-credits',
  )
  await expect(message(page)).toHaveValue('This will not be billed')
  await expect(log(page).getByRole('article')).toHaveCount(0)
  await expect(page).toHaveURL(/\/chat$/)
})

test('429 counts down from Retry-After, then Retry sends', async ({ page, sandbox }) => {
  await sandbox.fault({
    path: COMPLETIONS,
    status: 429,
    headers: { 'Retry-After': '2' },
    body: {
      success: false,
      error: 'Too many requests',
      code: 'rate_limit_exceeded',
      message: 'Rate limit exceeded. Maximum 200 requests per 60 seconds.',
      retryAfter: 2,
    },
  })
  await openChat(page)
  await send(page, 'Hello after the limit')
  const alert = page.getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'Rate limited' })).toBeVisible()
  await expect(alert).toContainText(/You can retry in \d s/)
  const retry = alert.getByRole('button', { name: 'Retry' })
  await expect(retry).toBeDisabled()
  await expect(message(page)).toHaveValue('Hello after the limit')
  await expect(retry).toBeEnabled({ timeout: 5_000 })
  await retry.click()
  await expect(replies(page).first()).toContainText('Finish:')
  await expect(message(page)).toHaveValue('')
  await expect(page.getByRole('alert')).toHaveCount(0)
})

test('a cut stream keeps the partial reply, with Retry', async ({ page, sandbox }) => {
  await sandbox.fault({ path: COMPLETIONS, cutAfterChunks: 3 })
  await openChat(page)
  await send(page, 'Explain streaming in detail.')
  const cut = log(page).getByRole('article', { name: `${MODEL}, incomplete` })
  await expect(cut).toBeVisible()
  await expect(cut.locator('p').first()).not.toBeEmpty()
  const alert = page.getByRole('alert')
  await expect(alert.getByRole('heading', { name: 'The reply was cut off' })).toBeVisible()
  await expect(log(page).getByRole('article', { name: 'You' })).toContainText('streaming')

  await alert.getByRole('button', { name: 'Retry' }).click()
  await expect(cut).toHaveCount(0)
  await expect(replies(page).first()).toContainText('Finish:')
  await expect(log(page).getByRole('article', { name: 'You' })).toHaveCount(1)
})

test('Cmd+K offers New chat and Chat with an agent', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog')
  await palette.getByRole('combobox').fill('Chat with Lore')
  await palette.getByRole('option', { name: 'Chat with Lore Keeper' }).click()
  await expect(page).toHaveURL(new RegExp(`/chat\\?agent=${LORE_KEEPER}`))
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue(`agent:${LORE_KEEPER}`)
})

test('edit a message and resend; the earlier version stays reachable', async ({ page }) => {
  await openChat(page)
  await send(page, 'First question about compilers')
  await expect(replies(page).first()).toContainText('Finish:')
  const firstReply = await replies(page).first().locator('p').first().innerText()

  await log(page).getByRole('button', { name: 'Edit message' }).click()
  const edit = log(page).getByRole('textbox', { name: 'Edit message' })
  // The edit box opens focused; as in the message box, Shift+Enter adds a line, Enter sends.
  await expect(edit).toBeFocused()
  await edit.fill('Second question about interpreters')
  await edit.press('Shift+Enter')
  await edit.pressSequentially('please')
  await expect(edit).toHaveValue('Second question about interpreters\nplease')
  await edit.press('Enter')
  await expect(edit).toHaveCount(0)
  await expect(log(page).getByRole('article', { name: 'You' })).toContainText('interpreters')
  await expect(log(page).getByText('Version 2 of 2')).toBeVisible()
  await expect(replies(page).first()).toContainText('Finish:')

  await log(page).getByRole('button', { name: 'Previous version' }).click()
  await expect(log(page).getByText('Version 1 of 2')).toBeVisible()
  await expect(log(page).getByRole('article', { name: 'You' })).toContainText('compilers')
  await expect(replies(page).first()).toContainText(firstReply)
})

test('View code on the sandbox calls the console proxy, which adds the key, and that request works', async ({
  page,
  playwright,
  baseURL,
}) => {
  await openChat(page)
  await message(page).fill('Hello from the code view')
  await page.getByRole('button', { name: 'View code' }).click()
  const dialog = page.getByRole('dialog', { name: 'View code' })
  // Honest about its target: the sandbox's own address is internal.
  await expect(dialog).toContainText('the code calls the console’s proxy')
  for (const language of ['curl', 'TypeScript', 'Python']) {
    await dialog.getByRole('button', { name: language, exact: true }).click()
    const code = dialog.getByLabel(`${language} code`)
    await expect(code).toContainText(String(baseURL))
    await expect(code).toContainText('Hello from the code view')
    await expect(code).not.toContainText('elizacloud.ai')
    await expect(code).not.toContainText('ELIZACLOUD_API_KEY')
    await expect(code).not.toContainText(/eliza_[0-9a-f]{16}/)
  }
  await expect(dialog.getByLabel('Python code')).toContainText(`base_url="${baseURL}/api/v1"`)

  // The curl command, run as a script would (no browser headers, no key): it is answered.
  await dialog.getByRole('button', { name: 'curl', exact: true }).click()
  const curl = await dialog.getByLabel('curl code').innerText()
  const url = /^curl (\S+)/.exec(curl)?.[1] ?? ''
  const body = /-d '([\s\S]*)'\s*$/.exec(curl)?.[1] ?? ''
  expect(url).toBe(`${baseURL}/api/v1/chat/completions`)
  const script = await playwright.request.newContext()
  const res = await script.post(url, {
    headers: { 'Content-Type': 'application/json' },
    data: body,
  })
  expect(res.status()).toBe(200)
  const text = await res.text()
  expect(text).toContain('chat.completion.chunk')
  expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true)
  await script.dispose()
})

test('the raw stream inspector lists the SSE frames of the last reply', async ({ page }) => {
  await openChat(page)
  await send(page, 'Hello')
  await expect(replies(page).first()).toContainText('Finish:')
  await page.getByRole('button', { name: 'Raw stream' }).click()
  const frames = page
    .getByRole('dialog', { name: 'Raw stream' })
    .getByRole('list', { name: 'Frames' })
  await expect(frames.getByRole('listitem').first()).toContainText('chat.completion.chunk')
  await expect(frames.getByRole('listitem').last()).toContainText('data: [DONE]')
})

test('a tool call round trip: the call is shown, the result sent, the model continues', async ({
  page,
}) => {
  await openChat(page)
  await page.getByRole('button', { name: 'Parameters' }).click()
  const panel = page.getByRole('dialog', { name: 'Parameters' })
  await expect(panel).toContainText(
    'The elizaOS Cloud ignores tools, tool_choice and response_format',
  )
  const tools = panel.getByRole('textbox', { name: 'Tools (JSON)' })
  await tools.fill('[{"type": "function"}]')
  await expect(tools).toHaveAttribute('aria-invalid', 'true')
  await tools.fill('')
  await panel.getByRole('button', { name: 'Insert an example tool' }).click()
  await expect(panel.getByText('1 tool; an array of OpenAI function tools.')).toBeVisible()
  await panel.getByRole('button', { name: 'Close parameters' }).click()

  await send(page, 'What is the weather in Paris right now?')
  const calls = log(page).getByRole('form', { name: 'Tool calls' })
  await expect(calls).toContainText('get_weather')
  await expect(calls).toContainText('"city"')
  await expect(replies(page).first()).toContainText(/Finish:\s*tool_calls/)
  await calls.getByRole('textbox', { name: 'Result of get_weather' }).fill('{"temperature": 21}')
  await calls.getByRole('button', { name: 'Send results' }).click()
  await expect(log(page).getByRole('article', { name: 'Tool result: get_weather' })).toContainText(
    '"temperature": 21',
  )
  await expect(replies(page)).toHaveCount(2)
  await expect(replies(page).last()).toContainText(/Finish:\s*stop/)
})

test('structured output: the reply is formatted and validated against the schema', async ({
  page,
}) => {
  await openChat(page)
  await page.getByRole('button', { name: 'Parameters' }).click()
  const panel = page.getByRole('dialog', { name: 'Parameters' })
  await panel.getByRole('button', { name: 'Insert an example schema' }).click()
  await expect(
    panel.getByText('Replies are asked to follow it and checked against it.'),
  ).toBeVisible()
  await panel.getByRole('button', { name: 'Close parameters' }).click()
  await send(page, 'Name a famous book.')
  await expect(replies(page).first()).toContainText('Valid against the schema')
  await expect(replies(page).first().locator('pre')).toContainText('"title"')
})

test('Compare streams two models side by side; continue with the second', async ({ page }) => {
  await openChat(page)
  await message(page).fill('Describe a compiler in one paragraph.')
  await page.getByRole('button', { name: 'Compare' }).click()
  const dialog = page.getByRole('dialog', { name: 'Compare' })
  await dialog.getByRole('combobox', { name: 'Target B' }).selectOption('model:openai/gpt-4o')
  await dialog.getByRole('button', { name: 'Run comparison' }).click()
  const a = dialog.getByRole('region', { name: `Reply of ${MODEL}`, exact: true })
  const b = dialog.getByRole('region', { name: 'Reply of openai/gpt-4o', exact: true })
  await expect(a).toContainText(/Finish:\s*stop/)
  await expect(b).toContainText(/Finish:\s*stop/)
  const chosen = (await b.locator('p').first().innerText()).split(' ').slice(0, 3).join(' ')
  await dialog.getByRole('checkbox', { name: /Show word differences/ }).check()
  await expect(b.locator('ins, del').first()).toBeVisible()
  await b.getByRole('button', { name: 'Continue with this one' }).click()

  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue('model:openai/gpt-4o')
  await expect(replies(page, 'openai/gpt-4o').first()).toContainText(chosen)
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/)
  await expect(message(page)).toHaveValue('')
})

test('a code block in a reply is highlighted by the lazily loaded highlighter, with Copy code', async ({
  page,
}) => {
  // The highlighter is its own chunk: not on the first page, nor when an empty chat opens (issue
  // #15: on a phone it was the page's longest task); the playground fetches it once, in idle
  // time after the first keystroke, so a reply's first code block does not stall the stream.
  const scripts: string[] = []
  page.on('response', (r) => {
    if (r.url().endsWith('.js')) scripts.push(new URL(r.url()).pathname)
  })
  const highlighterLoads = () => scripts.filter((s) => s.includes('code-highlight')).length
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible()
  expect(highlighterLoads()).toBe(0)
  await openChat(page)
  await page.waitForLoadState('networkidle')
  expect(highlighterLoads()).toBe(0)
  await message(page).fill('Write a function in TypeScript to reverse a string')
  await expect.poll(highlighterLoads).toBe(1)

  await send(page, 'Write a function in TypeScript to reverse a string')
  const reply = replies(page).first()
  await expect(reply).toContainText(/Finish:\s*stop/)
  const block = reply.locator('pre code')
  await expect(block).toContainText('function reverseString(text: string): string {')
  await expect(reply.getByText('typescript', { exact: true })).toBeVisible()
  await expect(reply.getByRole('button', { name: 'Copy code' })).toBeVisible()
  const keyword = block.locator('.token.keyword').first()
  await expect(keyword).toHaveText('function')
  // Highlighted: the keyword is drawn in a different colour from the plain text around it.
  const plain = await block.evaluate((el) => getComputedStyle(el).color)
  await expect(keyword).not.toHaveCSS('color', plain)
  expect(highlighterLoads()).toBe(1)
})

test('Compare a model with one of my agents: both stream, the agent in persona; continue with the agent', async ({
  page,
  sandbox,
}) => {
  const roomRequests: string[] = []
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname
    if (request.method() === 'POST' && path.startsWith('/api/eliza/rooms')) roomRequests.push(path)
  })
  await openChat(page)
  await message(page).fill('Who are you?')
  await page.getByRole('button', { name: 'Compare' }).click()
  const dialog = page.getByRole('dialog', { name: 'Compare' })
  await expect(dialog.getByRole('combobox', { name: 'Target A' })).toHaveValue(`model:${MODEL}`)
  await dialog.getByRole('combobox', { name: 'Target B' }).selectOption(`agent:${LORE_KEEPER}`)
  // Slow tokens, so both columns can be seen streaming at the same time.
  await sandbox.setTiming({ tokenDelayMs: 250 })
  await dialog.getByRole('button', { name: 'Run comparison' }).click()
  const a = dialog.getByRole('region', { name: `Reply of ${MODEL}`, exact: true })
  const b = dialog.getByRole('region', { name: 'Reply of Lore Keeper', exact: true })
  const continueA = a.getByRole('button', { name: 'Continue with this one' })
  const continueB = b.getByRole('button', { name: 'Continue with this one' })
  await expect
    .poll(async () => ({
      a: (await a.locator('p').first().innerText()).length > 0 && (await continueA.isDisabled()),
      b: (await b.locator('p').first().innerText()).length > 0 && (await continueB.isDisabled()),
    }))
    .toEqual({ a: true, b: true })
  await sandbox.setTiming({ tokenDelayMs: 0 })
  await expect(a).toContainText(/Finish:\s*stop/)
  await expect(b).toContainText(/Finish:\s*stop/)
  // The agent introduces itself in persona; the plain model does not claim its name.
  const agentText = b.locator('p').first()
  await expect(agentText).toContainText('Lore Keeper')
  await expect(a.locator('p').first()).not.toContainText('Lore Keeper')
  const chosen = (await agentText.innerText()).split(' ').slice(0, 4).join(' ')

  await dialog.getByRole('checkbox', { name: `Show word differences from ${MODEL}` }).check()
  await expect(b.locator('ins, del').first()).toBeVisible()
  await continueB.click()

  await expect(dialog).toHaveCount(0)
  await expect(page.getByRole('combobox', { name: 'Target' })).toHaveValue(`agent:${LORE_KEEPER}`)
  await expect(page.getByText(/Lore Keeper answers in persona/)).toBeVisible()
  await expect(log(page).getByRole('article', { name: 'You' })).toContainText('Who are you?')
  await expect(replies(page, 'Lore Keeper').first()).toContainText(chosen)
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/)
  // The conversation goes on with the agent, in the room the compared reply was asked in.
  await send(page, 'Tell me more about that.')
  await expect(replies(page, 'Lore Keeper')).toHaveCount(2)
  await expect(replies(page, 'Lore Keeper').last()).toContainText(/Cost:\s*\$0\.0/)
  expect(roomRequests.filter((path) => path === '/api/eliza/rooms')).toHaveLength(1)
  const streams = roomRequests.filter((path) => path.endsWith('/messages/stream'))
  expect(streams).toHaveLength(2)
  expect(streams[1]).toBe(streams[0])
})

test('tool_choice: a named function is validated, shown in View code, and the model calls it', async ({
  page,
}) => {
  const weather = {
    type: 'function',
    function: {
      name: 'get_weather',
      description: 'Get the current weather in a city',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  }
  const time = {
    type: 'function',
    function: {
      name: 'get_time',
      description: 'Get the local time in a timezone',
      parameters: {
        type: 'object',
        properties: { timezone: { type: 'string' } },
        required: ['timezone'],
      },
    },
  }
  await openChat(page)
  await page.getByRole('button', { name: 'Parameters' }).click()
  const panel = page.getByRole('dialog', { name: 'Parameters' })
  const choice = panel.getByRole('combobox', { name: 'Tool choice' })
  await expect(choice).toBeDisabled()
  const tools = panel.getByRole('textbox', { name: 'Tools (JSON)' })
  await tools.fill(JSON.stringify([weather, time]))
  await expect(choice).toBeEnabled()
  await choice.selectOption({ label: 'get_time' })
  await expect(choice).toHaveValue('function:get_time')
  // A named function must be one of the tools.
  await tools.fill(JSON.stringify([weather]))
  await expect(choice).toHaveAttribute('aria-invalid', 'true')
  await expect(panel.getByText('No tool named "get_time" is defined.')).toBeVisible()
  // Send is held back with the reason while the choice is invalid; the draft stays.
  await panel.getByRole('button', { name: 'Close parameters' }).click()
  await message(page).fill('Held back')
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled()
  await expect(page.getByRole('status').filter({ hasText: 'Tool choice:' })).toContainText(
    'No tool named "get_time" is defined.',
  )
  await message(page).press('Enter')
  await expect(message(page)).toHaveValue('Held back')
  await expect(log(page).getByRole('article')).toHaveCount(0)
  await page.getByRole('button', { name: 'Parameters' }).click()
  await tools.fill(JSON.stringify([weather, time]))
  await expect(choice).not.toHaveAttribute('aria-invalid', 'true')
  await panel.getByRole('button', { name: 'Close parameters' }).click()

  // The weather question would pick get_weather on its own; the named choice forces get_time.
  await message(page).fill('What is the weather in Paris right now?')
  await page.getByRole('button', { name: 'View code' }).click()
  const code = page.getByRole('dialog', { name: 'View code' }).getByLabel('curl code')
  await expect(code).toContainText('"tool_choice": {')
  await expect(code).toContainText('"name": "get_time"')
  await page.keyboard.press('Escape')
  await message(page).press('Enter')
  const calls = log(page).getByRole('form', { name: 'Tool calls' })
  await expect(calls).toContainText('get_time')
  await expect(calls).toContainText('"timezone"')
  await expect(calls).not.toContainText('get_weather')
  await expect(replies(page).first()).toContainText(/Finish:\s*tool_calls/)
})

test('a tab closed mid-reply leaves a saved conversation: the message and the partial reply, marked interrupted', async ({
  page,
  context,
  sandbox,
}) => {
  // Slow tokens (≈ 100 tokens, 10 s), so the reply is still streaming when the tab closes.
  await sandbox.setTiming({ tokenDelayMs: 100 })
  await openChat(page)
  await send(page, 'Explain how compilers work, step by step, as a list.')
  const streaming = log(page).getByRole('article', { name: MODEL })
  await expect.poll(async () => (await streaming.innerText()).length).toBeGreaterThan(60)
  const partial = await streaming.innerText()
  // Closing a tab runs no beforeunload; only pagehide.
  await page.close()

  await sandbox.setTiming({ tokenDelayMs: 0 })
  const next = await context.newPage()
  await openChat(next)
  await expect(message(next)).toHaveValue('')
  const list = next.getByRole('navigation', { name: 'Conversations' })
  await list.getByRole('link', { name: /Explain how compilers work/ }).click()
  await expect(next).toHaveURL(/\/chat\/[0-9a-f-]{36}$/)
  await expect(log(next).getByRole('article', { name: 'You' })).toContainText(
    'Explain how compilers work',
  )
  const interrupted = log(next).getByRole('article', { name: `${MODEL}, interrupted` })
  await expect(interrupted).toContainText(partial.split('\n').find((l) => l.length > 20) ?? partial)
  await expect(interrupted.getByText('Interrupted', { exact: true })).toBeVisible()
  // Regenerate asks again and replaces it.
  await next.getByRole('button', { name: 'Regenerate' }).click()
  await expect(log(next).getByRole('article', { name: MODEL })).toContainText('Finish:')
  await expect(interrupted).toHaveCount(0)
})

test('a tab closed before the reply started still leaves the message saved, not only the draft', async ({
  page,
  context,
  sandbox,
}) => {
  // The answer's headers are held back: the request is in flight, nothing accepted yet.
  await sandbox.fault({ path: COMPLETIONS, hang: true })
  await openChat(page)
  await send(page, 'A question asked just before closing')
  await expect(page.getByText('Waiting for the first token…')).toBeVisible()
  await page.close()

  await sandbox.clearFaults()
  const next = await context.newPage()
  await openChat(next)
  // One copy: in the saved conversation, not also in the new chat's draft.
  await expect(message(next)).toHaveValue('')
  const list = next.getByRole('navigation', { name: 'Conversations' })
  await list.getByRole('link', { name: /A question asked just before closing/ }).click()
  await expect(log(next).getByRole('article', { name: 'You' })).toContainText(
    'A question asked just before closing',
  )
  await expect(log(next).getByRole('article', { name: `${MODEL}, interrupted` })).toBeVisible()
})

test('a markdown table renders as a table, and nested lists nest', async ({ page }) => {
  await openChat(page)
  await send(page, 'Compare Python and Rust in a table.')
  const first = replies(page).first()
  await expect(first).toContainText('Finish:')
  const table = first.getByRole('table')
  await expect(table.getByRole('columnheader')).toHaveText(['Aspect', 'Python', 'Rust'])
  expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(4)
  // No pipes left over as text.
  await expect(first).not.toContainText('| --- |')

  await send(page, 'Give me the steps to launch a website, with sub-steps.')
  const second = replies(page).nth(1)
  await expect(second).toContainText('Finish:')
  const steps = second.locator('ol').first()
  // Each step holds its own list of sub-steps.
  const stepItems = steps.locator(':scope > li')
  expect(await stepItems.count()).toBeGreaterThanOrEqual(3)
  const subSteps = stepItems.first().getByRole('list')
  await expect(subSteps).toHaveCount(1)
  expect(await subSteps.getByRole('listitem').count()).toBeGreaterThanOrEqual(2)
  expect(await subSteps.evaluate((el) => el.tagName)).toBe('UL')
})

test('structured output: a schema with $ref and pattern flags data that breaks them', async ({
  page,
}) => {
  const schema = (pattern: string) =>
    JSON.stringify({
      type: 'object',
      $defs: { code: { type: 'string', pattern } },
      properties: { answer: { $ref: '#/$defs/code' } },
      required: ['answer'],
    })
  await openChat(page)
  const setSchema = async (text: string) => {
    await page.getByRole('button', { name: 'Parameters' }).click()
    const panel = page.getByRole('dialog', { name: 'Parameters' })
    await panel.getByRole('textbox', { name: 'Response JSON schema' }).fill(text)
    await expect(
      panel.getByText('Replies are asked to follow it and checked against it.'),
    ).toBeVisible()
    await panel.getByRole('button', { name: 'Close parameters' }).click()
  }
  // A pattern the sandbox's generator satisfies: valid.
  await setSchema(schema('^[a-z0-9_-]+$'))
  await send(page, 'Give me an order code.')
  await expect(replies(page).first()).toContainText('Valid against the schema')

  // One it cannot satisfy: it answers with the reply text in `answer` (its documented fallback),
  // which breaks the pattern behind the $ref.
  await setSchema(schema('^[A-Z]{3}-[0-9]{4}$'))
  await send(page, 'Give me another order code.')
  const reply = replies(page).nth(1)
  await expect(reply).toContainText('Does not match the schema')
  const problems = reply.getByRole('list', { name: 'Schema problems' })
  await expect(problems.getByRole('listitem')).toHaveCount(1)
  await expect(problems.getByRole('listitem')).toContainText('/answer')
  await expect(problems.getByRole('listitem')).toContainText('(pattern)')
  await expect(reply.locator('pre')).toContainText('"answer"')
})

test('Parameters: an out-of-range value shows its error in place, nothing moves, and Send waits', async ({
  page,
}) => {
  await openChat(page)
  await page.getByRole('button', { name: 'Parameters' }).click()
  const panel = page.getByRole('dialog', { name: 'Parameters' })
  const temperature = panel.getByRole('spinbutton', { name: 'Temperature' })
  const topP = panel.getByRole('spinbutton', { name: 'Top P' })
  const maxTokens = panel.getByRole('spinbutton', { name: 'Max tokens' })
  const seed = panel.getByRole('spinbutton', { name: 'Seed' })
  const top = async () =>
    Promise.all([temperature, topP, maxTokens, seed].map(async (l) => (await l.boundingBox())?.y))
  const before = await top()
  // The two columns line up.
  expect(before[0]).toBe(before[1])
  expect(before[2]).toBe(before[3])

  await temperature.fill('3')
  await expect(temperature).toHaveAttribute('aria-invalid', 'true')
  await expect(panel.getByText('Between 0 and 2.')).toBeVisible()
  expect(await top()).toEqual(before)
  await topP.fill('1.5')
  await expect(panel.getByText('Between 0 and 1.')).toBeVisible()
  expect(await top()).toEqual(before)

  await panel.getByRole('button', { name: 'Close parameters' }).click()
  await message(page).fill('Held back by the temperature')
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled()
  await expect(page.getByRole('status').filter({ hasText: 'Temperature:' })).toContainText(
    'Between 0 and 2.',
  )
  await page.getByRole('button', { name: 'Parameters' }).click()
  await temperature.fill('0.7')
  await topP.fill('')
  await panel.getByRole('button', { name: 'Close parameters' }).click()
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled()
})
