// The container pages against the sandbox (issue #11, "Containers"): deploy with environment
// variables and watch it run, live logs with a level filter, metrics, delete with the refund;
// 402, the create quota, field errors before sending, masked variables, Redeploy, a cut log
// stream that reconnects without duplicating lines, a failed deployment, list filters and Cmd+K.
import type { APIRequestContext, Page } from '@playwright/test'
import { CANARY_KEY, type Stack } from './env.ts'
import { expect, test } from './fixtures.ts'

const DEMO_ID = '5a4db0c0-0000-4000-8000-0000000000c1'
const ECR = '000000000000.dkr.ecr.us-east-1.amazonaws.com/elizaos/org'
const UUID_URL = /\/containers\/[0-9a-f-]{36}(\?.*)?$/

/** Calls straight at the sandbox with the proxy's key: the same caller (and limiter bucket). */
async function sandboxApi(
  {
    playwright,
    stack,
  }: {
    playwright: { request: { newContext(o: { baseURL: string }): Promise<APIRequestContext> } }
    stack: Stack
  },
  run: (http: APIRequestContext, headers: Record<string, string>) => Promise<void>,
) {
  const http = await playwright.request.newContext({ baseURL: stack.sandboxUrl })
  try {
    await run(http, { Authorization: `Bearer ${CANARY_KEY}` })
  } finally {
    await http.dispose()
  }
}

async function openDeployForm(page: Page) {
  await page.goto('/containers/new')
  await expect(page.getByRole('heading', { level: 1, name: 'Deploy a container' })).toBeVisible()
}

/** Fills the service fields; the smallest size costs $0.50 (docs/containers.md §Billing). */
async function fillService(
  page: Page,
  {
    name,
    project,
    image,
    small = true,
  }: { name: string; project: string; image: string; small?: boolean },
) {
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByLabel('Project name').fill(project)
  await page.getByLabel('Image', { exact: true }).fill(image)
  if (small) {
    await page.getByLabel('CPU units').fill('256')
    await page.getByLabel('Memory (MB)').fill('512')
  }
}

async function fillEnv(page: Page, vars: [string, string][]) {
  for (const [i, [key, value]] of vars.entries()) {
    if (i > 0) await page.getByRole('button', { name: 'Add variable' }).click()
    await page.getByRole('textbox', { name: `Name of variable ${i + 1}` }).fill(key)
    await page.getByRole('textbox', { name: `Value of variable ${i + 1}` }).fill(value)
  }
}

test('deploy with environment variables, watch it run, stream and filter logs, see metrics, delete it', async ({
  page,
  sandbox,
}) => {
  // the whole life of a container at a visible pace: about 15 s of lifecycle steps by design
  test.setTimeout(60_000)
  await sandbox.setBalance(100)
  // Slow enough to see it move, and a running container prints a line every 400 ms.
  await sandbox.setTiming({ lifecycleStepMs: 1_200, logIntervalMs: 400 })
  await page.goto('/containers')
  await expect(page.getByRole('heading', { level: 1, name: 'Containers' })).toBeVisible()
  await page.getByRole('link', { name: 'Deploy container' }).click()
  await expect(page).toHaveURL(/\/containers\/new$/)

  await fillService(page, { name: 'Web App', project: 'web-app', image: `${ECR}/web-app:1.0.0` })
  await fillEnv(page, [
    ['API_URL', 'https://api.example.com'],
    ['LOG_LEVEL', 'debug'],
  ])
  // The price before Deploy: 256 units / 512 MB / 1 instance → $0.50, then $0.67 a day.
  await expect(page.getByText('$0.50 charged now')).toBeVisible()
  await expect(page.getByText('$0.67 per day')).toBeVisible()
  await page.evaluate(
    () => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true),
  )
  await page.getByRole('button', { name: 'Deploy' }).click()

  await expect(page).toHaveURL(UUID_URL)
  await expect(page.getByRole('heading', { level: 1, name: 'Web App' })).toBeVisible()
  const progress = page.getByRole('list', { name: 'Deployment progress' })
  // On its way first, then running, with no reload: the detail polls while it moves.
  await expect(progress.locator('[aria-current="step"]')).toBeVisible()
  await expect(page.getByText('Running', { exact: true }).first()).toBeVisible({ timeout: 15_000 })
  await expect(progress.locator('[aria-current="step"]')).toHaveCount(0)
  await expect(
    page.getByRole('link', { name: /web-app-.*\.containers\.sandbox\.invalid/ }),
  ).toBeVisible()
  expect(
    await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
  ).toBe(true)
  const id = /\/containers\/([0-9a-f-]{36})/.exec(page.url())?.[1]
  expect(id).toBeTruthy()

  // Logs: the start-up lines, then new lines as the container prints them.
  await page.getByRole('tab', { name: 'Logs' }).click()
  await expect(page).toHaveURL(/tab=logs/)
  const log = page.getByRole('log', { name: 'Logs' })
  await expect(log).toContainText('Server listening on 3000')
  await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible()
  const count = async () =>
    Number((await page.getByText(/^\d[\d,]* lines?/).textContent())?.replace(/\D/g, '') || 0)
  const before = await count()
  await expect.poll(count, { timeout: 10_000 }).toBeGreaterThan(before)

  // Level filter: warnings only (the runtime's start-up warning), in the URL.
  await page.getByRole('combobox', { name: 'Level' }).selectOption('warn')
  await expect(page).toHaveURL(/level=warn/)
  await expect(log).toContainText('ELIZA_LOG_LEVEL not set, defaulting to info')
  await expect(log).not.toContainText('Server listening on 3000')
  await expect
    .poll(async () => [...new Set(await log.locator('time + span').allTextContents())])
    .toEqual(['warn'])
  await page.getByRole('combobox', { name: 'Level' }).selectOption('')
  await expect(log).toContainText('GET /health 200')

  // Metrics: CPU and memory percentages from the cloud's metrics route.
  await page.getByRole('tab', { name: 'Metrics' }).click()
  await expect(page.getByRole('region', { name: 'CPU' })).toContainText(/\d+(\.\d)?%/)
  await expect(page.getByRole('region', { name: 'Memory' })).toContainText(/\d+(\.\d)?%/)
  await expect(page.getByRole('meter', { name: 'CPU utilization' })).toBeVisible()

  // Delete behind a confirmation stating the refund: running and new, 75 % of $0.50 → $0.
  await page.getByRole('button', { name: 'Delete' }).click()
  const dialog = page.getByRole('alertdialog', { name: 'Delete Web App?' })
  await expect(dialog).toContainText('75 % within 2 hours of its creation, 50 % within 24 hours')
  await expect(dialog).toContainText('75 % of $0.50 rounds down to $0')
  await dialog.getByRole('button', { name: 'Delete' }).click()
  await expect(page).toHaveURL(/\/containers$/)
  await expect(page.getByText('Deleted “Web App”')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Web App' })).toHaveCount(0)
  expect((await sandbox.state()).counts).toMatchObject({ containers: 1 })
})

test('a 402 on deploy shows the fee, the balance and where to add credits; nothing typed is lost', async ({
  page,
  sandbox,
}) => {
  await sandbox.setBalance(2)
  await openDeployForm(page)
  await fillService(page, { name: 'Big', project: 'big', image: `${ECR}/big:1`, small: false })
  await fillEnv(page, [['TOKEN', 'secret-value']])
  await expect(page.getByText('The balance does not cover the fee')).toBeVisible()
  await page.getByRole('button', { name: 'Deploy' }).click()
  const alert = page.getByRole('alert').filter({ hasText: 'Out of credits' })
  await expect(alert).toContainText('This needs a balance of at least $15.00')
  await expect(alert.getByRole('link', { name: 'Add credits' })).toBeVisible()
  await expect(page.getByText('Your balance: $2.00.')).toBeVisible()
  await expect(page).toHaveURL(/\/containers\/new$/)
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Big')
  await expect(page.getByRole('textbox', { name: 'Value of variable 1' })).toHaveValue(
    'secret-value',
  )
  expect((await sandbox.state()).counts).toMatchObject({ containers: 1 })
})

test('the create quota: four calls elsewhere, the fifth here leaves 0 of 5 and a countdown', async ({
  page,
  playwright,
  stack,
  sandbox,
}) => {
  await sandbox.setBalance(0.2)
  await sandboxApi({ playwright, stack }, async (http, headers) => {
    for (let i = 0; i < 4; i++) {
      const res = await http.post('/api/v1/containers', { headers, data: {} })
      expect(res.status(), `call ${i + 1}`).toBe(400)
    }
  })
  await openDeployForm(page)
  const quota = page.getByRole('group', { name: 'Deploy quota' })
  await expect(quota).toContainText('5 calls per 5 minutes')
  await fillService(page, { name: 'Fifth', project: 'fifth', image: `${ECR}/fifth:1` })
  await page.getByRole('button', { name: 'Deploy' }).click()
  // The fifth is counted (a 402 here: $0.20 < $0.50) and the cloud says nothing is left.
  await expect(page.getByRole('alert').filter({ hasText: 'Out of credits' })).toBeVisible()
  await expect(quota).toContainText('0 of 5 calls left')
  await expect(quota.getByRole('timer')).toHaveText(/^[45]:\d\d$/)
  await expect(page.getByRole('button', { name: 'Deploy' })).toBeDisabled()
  await expect(page.getByText(/^Available again in [45]:\d\d$/)).toBeVisible()
})

test('a 429 on deploy counts down, holds Deploy, and the wait and the draft survive a reload', async ({
  page,
  playwright,
  stack,
}) => {
  await sandboxApi({ playwright, stack }, async (http, headers) => {
    for (let i = 0; i < 5; i++) await http.post('/api/v1/containers', { headers, data: {} })
  })
  await openDeployForm(page)
  await fillService(page, { name: 'Sixth', project: 'sixth', image: `${ECR}/sixth:1` })
  await page.getByRole('button', { name: 'Deploy' }).click()
  const alert = page.getByRole('alert').filter({ hasText: 'Too many requests' })
  await expect(alert).toContainText(/You can retry in \d+ s\./)
  const quota = page.getByRole('group', { name: 'Deploy quota' })
  await expect(quota).toContainText('0 of 5 calls left')
  await expect(page.getByRole('button', { name: 'Deploy' })).toBeDisabled()
  await page.reload()
  await expect(page.getByText('Your draft was restored')).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Sixth')
  await expect(page.getByLabel('Project name')).toHaveValue('sixth')
  await expect(quota).toContainText('0 of 5 calls left')
  await expect(page.getByRole('button', { name: 'Deploy' })).toBeDisabled()
})

test('refused fields are shown before anything is sent', async ({ page }) => {
  const creates: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/containers')
      creates.push(r.url())
  })
  await openDeployForm(page)
  await page.getByLabel('Project name').fill('x'.repeat(51))
  await page.getByLabel('Port').fill('0')
  await page.getByLabel('Memory (MB)').fill('4096')
  await page.getByLabel('Health check path').fill('health')
  await fillEnv(page, [
    ['1BAD', 'x'],
    ['GOOD', 'y'],
    ['GOOD', 'z'],
  ])
  await page.getByRole('button', { name: 'Deploy' }).click()
  await expect(page.getByText('Fix the highlighted fields; nothing was sent.')).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText('Name is required')).toBeVisible()
  await expect(page.getByText('Image is required')).toBeVisible()
  await expect(page.getByText('At most 50 characters')).toBeVisible()
  await expect(page.getByText('At least 1', { exact: true })).toBeVisible()
  await expect(page.getByText('At most 2,048', { exact: true })).toBeVisible()
  await expect(page.getByText('A path that starts with /, e.g. /health')).toBeVisible()
  await expect(page.getByText('1BAD: Must start with a letter or underscore')).toBeVisible()
  await expect(page.getByText('GOOD: This name is already used')).toBeVisible()
  // The .env mode reads pasted text and reports the lines it cannot read.
  await page.getByRole('button', { name: '.env' }).click()
  await page.getByLabel('.env text').fill('A=1\nnot a variable')
  await page.getByRole('button', { name: 'Rows' }).click()
  await expect(page.getByText('Line 2: expected NAME=value')).toBeVisible()
  await page.getByLabel('.env text').fill('API_URL="https://x.example"\nexport MODE=prod # comment')
  await page.getByRole('button', { name: 'Rows' }).click()
  await expect(page.getByRole('textbox', { name: 'Name of variable 2' })).toHaveValue('MODE')
  await expect(page.getByRole('textbox', { name: 'Value of variable 1' })).toHaveValue(
    'https://x.example',
  )
  expect(creates).toEqual([])
})

test("the server's field errors land on their fields; a 503 says deployments are not configured", async ({
  page,
  sandbox,
}) => {
  await sandbox.fault({
    path: '/api/v1/containers',
    method: 'POST',
    status: 400,
    body: {
      success: false,
      error: 'Invalid request data',
      details: [
        {
          code: 'too_big',
          path: ['project_name'],
          message: 'Too big: expected string to have <=50 characters',
        },
      ],
    },
  })
  await openDeployForm(page)
  await fillService(page, { name: 'Api', project: 'api', image: `${ECR}/api:1` })
  await page.getByRole('button', { name: 'Deploy' }).click()
  await expect(
    page.getByText('Too big: expected string to have <=50 characters').first(),
  ).toBeVisible()
  await expect(page.getByLabel('Project name')).toHaveAttribute('aria-invalid', 'true')

  await sandbox.fault({
    path: '/api/v1/containers',
    method: 'POST',
    status: 503,
    body: {
      success: false,
      error:
        'Container deployments are not configured. Please set AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, and ECS configuration.',
    },
  })
  await page.getByLabel('Project name').fill('api-2')
  await page.getByRole('button', { name: 'Deploy' }).click()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Deployments are not configured on this cloud' }),
  ).toBeVisible()
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Api')
})

test('environment variables are masked, revealed one at a time; Redeploy starts prefilled', async ({
  page,
  playwright,
  stack,
  sandbox,
}) => {
  await sandbox.setBalance(50)
  let id = ''
  await sandboxApi({ playwright, stack }, async (http, headers) => {
    const res = await http.post('/api/v1/containers', {
      headers,
      data: {
        name: 'Worker',
        project_name: 'worker',
        ecr_image_uri: `${ECR}/worker:2.0.0`,
        cpu: 256,
        memory: 512,
        port: 8080,
        environment_vars: { DATABASE_URL: 'postgres://db.internal/app', SECRET_KEY: 's3cr3t' },
      },
    })
    expect(res.status()).toBe(202)
    id = ((await res.json()) as { data: { id: string } }).data.id
  })
  await page.goto(`/containers/${id}?tab=environment`)
  const vars = page.getByRole('list', { name: 'Environment variables' })
  await expect(vars).toContainText('DATABASE_URL')
  await expect(vars).toContainText('SECRET_KEY')
  await expect(vars).not.toContainText('s3cr3t')
  await expect(vars).not.toContainText('postgres://')
  await vars.getByRole('button', { name: 'Reveal SECRET_KEY' }).click()
  await expect(vars).toContainText('s3cr3t')
  await vars.getByRole('button', { name: 'Reveal DATABASE_URL' }).click()
  await expect(vars).toContainText('postgres://db.internal/app')
  await expect(vars).not.toContainText('s3cr3t')

  await page.getByRole('link', { name: 'Redeploy', exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`/containers/new\\?from=${id}$`))
  await expect(page.getByRole('heading', { level: 1, name: 'Redeploy Worker' })).toBeVisible()
  await expect(page.getByLabel('Project name')).toHaveValue('worker')
  await expect(page.getByLabel('Image', { exact: true })).toHaveValue(`${ECR}/worker:2.0.0`)
  await expect(page.getByLabel('Port')).toHaveValue('8080')
  await expect(page.getByText('Matches “Worker”: deploying updates that container.')).toBeVisible()
  await expect(page.getByText('Same project name: the cloud updates that container')).toBeVisible()
  await page.getByLabel('Image', { exact: true }).fill(`${ECR}/worker:2.0.1`)
  await page.getByRole('button', { name: 'Deploy' }).click()
  // The same container, updated in place.
  await expect(page).toHaveURL(new RegExp(`/containers/${id}$`))
  await page.getByRole('tab', { name: 'Environment' }).click()
  await expect(page.getByRole('list', { name: 'Environment variables' })).toContainText(
    'SECRET_KEY',
  )
  expect((await sandbox.state()).counts).toMatchObject({ containers: 2 })
})

test('leaving the form with typed variable values asks first', async ({ page }) => {
  await openDeployForm(page)
  await fillEnv(page, [['TOKEN', 'typed-secret']])
  await page.getByRole('link', { name: 'Containers' }).first().click()
  const dialog = page.getByRole('alertdialog', { name: 'Leave this page?' })
  await expect(dialog).toBeVisible()
  await dialog.getByRole('button', { name: 'Stay' }).click()
  await expect(page).toHaveURL(/\/containers\/new$/)
  await expect(page.getByRole('textbox', { name: 'Value of variable 1' })).toHaveValue(
    'typed-secret',
  )
  await page.getByRole('link', { name: 'Containers' }).first().click()
  await page
    .getByRole('alertdialog', { name: 'Leave this page?' })
    .getByRole('button', { name: 'Leave' })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Containers' })).toBeVisible()
})

test('a cut log stream reconnects by itself and fills the gap without duplicating a line', async ({
  page,
  playwright,
  stack,
  sandbox,
}) => {
  // Nothing new is printed, so the stream is silent and the e2e proxy cuts it after 6 s idle.
  await sandbox.setTiming({ logIntervalMs: 3_600_000 })
  await page.goto(`/containers/${DEMO_ID}?tab=logs`)
  const log = page.getByRole('log', { name: 'Logs' })
  await expect(log).toContainText('GET /health 200')
  const status = page.getByRole('status').filter({ hasText: /^(Live|Reconnecting|Connecting)/ })
  await expect(status).toHaveText(/^Live/)
  await expect(status).toHaveText(/^Reconnecting/, { timeout: 12_000 })
  await expect(status).toHaveText(/^Live/, { timeout: 12_000 })
  let total = 0
  await sandboxApi({ playwright, stack }, async (http, headers) => {
    const res = await http.get(`/api/v1/containers/${DEMO_ID}/logs?limit=500`, { headers })
    total = ((await res.json()) as { data: { total: number } }).data.total
  })
  // The start-up lines plus one line an hour over the two days since the demo started.
  expect(total).toBeGreaterThan(40)
  await expect(page.getByText(/^\d[\d,]* lines?$/)).toHaveText(
    `${total.toLocaleString('en-US')} lines`,
  )
})

test('a failed deployment shows why, in the timeline and in the list', async ({
  page,
  sandbox,
}) => {
  await openDeployForm(page)
  // The sandbox's failure mode: an image tagged `fail` (README, "Sandbox vs cloud").
  await fillService(page, { name: 'Broken', project: 'broken', image: `${ECR}/broken:fail` })
  await page.getByRole('button', { name: 'Deploy' }).click()
  await expect(page).toHaveURL(UUID_URL)
  await expect(page.getByText('Failed', { exact: true }).first()).toBeVisible()
  await expect(
    page.getByText(/CREATE_FAILED: the ECS service did not stabilize/).first(),
  ).toBeVisible()
  await page.getByRole('link', { name: 'Containers' }).first().click()
  await page.getByRole('combobox', { name: 'Status' }).selectOption('failed')
  await expect(page).toHaveURL(/status=failed/)
  const table = page.getByRole('table', { name: 'Containers' })
  await expect(table.getByRole('link')).toHaveCount(1)
  await expect(table).toContainText('CREATE_FAILED')
  // The fee came back (the stack failed): the seeded $5.00 again.
  expect((await sandbox.state()).balance).toBe(5)
})

test('search, status and sort live in the URL; an empty organization offers to deploy', async ({
  page,
  playwright,
  stack,
}) => {
  await page.goto('/containers?q=support&sort=name')
  await expect(page.getByRole('searchbox', { name: 'Search containers' })).toHaveValue('support')
  await expect(page.getByRole('combobox', { name: 'Sort' })).toHaveValue('name')
  await expect(page.getByRole('link', { name: 'Support Bot Runtime' })).toBeVisible()
  await page.getByRole('searchbox', { name: 'Search containers' }).fill('nothing-like-this')
  await expect(page).toHaveURL(/q=nothing-like-this/)
  await expect(page.getByText('No container matches')).toBeVisible()
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page.getByRole('link', { name: 'Support Bot Runtime' })).toBeVisible()

  await sandboxApi({ playwright, stack }, async (http, headers) => {
    const res = await http.delete(`/api/v1/containers/${DEMO_ID}`, { headers })
    expect(res.status()).toBe(200)
  })
  await page.reload()
  await expect(page.getByText('No containers yet')).toBeVisible()
  await expect(page.getByRole('link', { name: 'Deploy container' })).toHaveCount(2)
})

test('a malformed container id is a not-found page, without asking the cloud', async ({ page }) => {
  const asked: string[] = []
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/v1/containers/')) asked.push(r.url())
  })
  await page.goto('/containers/not-a-uuid')
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/not found/i)
  expect(asked).toEqual([])
})

test('Cmd+K: "Deploy container" and each container by name', async ({ page }) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  const palette = page.getByRole('dialog')
  await palette.getByRole('combobox').fill('Support Bot')
  await palette.getByRole('option', { name: 'Go to container Support Bot Runtime' }).click()
  await expect(page).toHaveURL(new RegExp(`/containers/${DEMO_ID}$`))
  await expect(page.getByRole('heading', { level: 1, name: 'Support Bot Runtime' })).toBeVisible()
  await page.keyboard.press('ControlOrMeta+k')
  await palette.getByRole('combobox').fill('Deploy container')
  await palette.getByRole('option', { name: 'Deploy container' }).click()
  await expect(page).toHaveURL(/\/containers\/new$/)
})
