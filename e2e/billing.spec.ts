// The billing pages against the sandbox (issue #12, "Billing"): the whole checkout loop through the
// sandbox's own checkout page, cancel, one checkout per click, auto top-up, low-balance warnings,
// the ledger's filters and CSV, and "Add credits" on 402s.
import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

const header = (page: Page) => page.getByRole('status', { name: 'Credit balance' })
const balance = (page: Page) => page.getByTestId('billing-balance')

async function openBilling(page: Page, path = '/billing') {
  await page.goto(path)
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible()
}

async function startCheckout(page: Page, amount: string) {
  await page.getByRole('button', { name: 'Add credits' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add credits' })
  await dialog.getByRole('textbox', { name: 'Amount' }).fill(amount)
  await dialog.getByRole('button', { name: 'Checkout' }).click()
  // The sandbox's checkout page (its stand-in for Stripe).
  await expect(page.getByRole('button', { name: /^Pay \$/ })).toBeVisible()
}

test('checkout loop: pay $10, balance +$10, the purchase in the ledger and in the CSV', async ({
  page,
}) => {
  await openBilling(page)
  await expect(balance(page)).toHaveText('$5.00')
  await startCheckout(page, '10')
  await page.getByRole('button', { name: 'Pay $10.00' }).click()

  await expect(page).toHaveURL(/\/billing\?checkout=success&session_id=/)
  await expect(page.getByRole('status').filter({ hasText: 'Payment received' })).toContainText(
    '$10.00 was added to your balance',
  )
  await expect(balance(page)).toHaveText('$15.00')
  await expect(header(page)).toHaveText('$15.00')

  // A reload on the return URL asks verify again and gets the same answer; the balance stays.
  await page.reload()
  await expect(page.getByRole('status').filter({ hasText: 'Payment received' })).toBeVisible()
  await expect(balance(page)).toHaveText('$15.00')

  await page.getByRole('link', { name: 'Transactions' }).click()
  const table = page.getByRole('table', { name: 'Transactions' })
  const purchase = table.getByRole('row').filter({ hasText: 'Balance top-up - $10.00' })
  await expect(purchase).toContainText('+$10.00')
  await expect(purchase).toContainText('$15.00')

  await page.getByRole('combobox', { name: 'Type' }).selectOption('credit')
  await expect(page).toHaveURL(/type=credit/)
  const downloading = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).click()
  const download = await downloading
  const csv = fs.readFileSync(await download.path(), 'utf8')
  const lines = csv.trim().split('\r\n')
  expect(lines[0]).toBe('date,type,description,amount_usd,balance_after_usd,operation')
  expect(lines.some((l) => l.includes(',credit,Balance top-up - $10.00,10,15,'))).toBe(true)
  // Only what the filter shows: no debit rows.
  expect(lines.slice(1).every((l) => l.split(',')[1] === 'credit')).toBe(true)
})

test('cancel on the checkout page comes back with no charge', async ({ page }) => {
  await openBilling(page)
  await startCheckout(page, '25')
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page).toHaveURL(/\/billing\?checkout=cancelled$/)
  await expect(page.getByRole('status').filter({ hasText: 'Checkout cancelled' })).toContainText(
    'No charge was made',
  )
  await expect(balance(page)).toHaveText('$5.00')
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect(page).toHaveURL(/\/billing$/)
})

test('a double click on Checkout starts one checkout; bad amounts never leave', async ({
  page,
}) => {
  const posts: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/credits/checkout')) posts.push(r.url())
  })
  await openBilling(page)
  await page.getByRole('button', { name: 'Add credits' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add credits' })
  const amount = dialog.getByRole('textbox', { name: 'Amount' })

  await amount.fill('1001')
  await dialog.getByRole('button', { name: 'Checkout' }).click()
  await expect(dialog.getByText('The largest amount is $1,000.')).toBeVisible()
  await expect(amount).toHaveAttribute('aria-invalid', 'true')
  await amount.fill('0.5')
  await dialog.getByRole('button', { name: 'Checkout' }).click()
  await expect(dialog.getByText('The smallest amount is $1.')).toBeVisible()
  expect(posts).toHaveLength(0)

  await dialog.getByRole('button', { name: '$25.00' }).click()
  await expect(amount).toHaveValue('25')
  await dialog.getByRole('button', { name: 'Checkout' }).dblclick()
  await expect(page.getByRole('button', { name: 'Pay $25.00' })).toBeVisible()
  expect(posts).toHaveLength(1)
})

test('auto top-up: limits before sending, server field errors on fields, saved settings survive a reload', async ({
  page,
  sandbox,
}) => {
  await openBilling(page)
  const form = page.getByRole('form', { name: 'Auto top-up settings' })
  const amount = form.getByRole('spinbutton', { name: 'Top-up amount (USD)' })
  const threshold = form.getByRole('spinbutton', { name: 'Threshold (USD)' })
  await expect(form.getByText('No saved card')).toBeVisible()

  // Above the server's limit: refused on the field before any request.
  await amount.fill('5000')
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(form.getByText('The amount cannot exceed $1000.')).toBeVisible()

  // A refusal from the server lands on its field (the cloud's zod tree, docs/billing.md).
  await amount.fill('25')
  await threshold.fill('3')
  await sandbox.fault({
    path: '/api/v1/billing/settings',
    method: 'PUT',
    status: 400,
    body: {
      success: false,
      error: 'Invalid request data',
      details: {
        _errors: [],
        autoTopUp: {
          _errors: [],
          threshold: { _errors: ['Too big: expected number to be <=1000'] },
        },
      },
    },
  })
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(threshold).toHaveAttribute('aria-invalid', 'true')
  await expect(form.getByText('Too big: expected number to be <=1000')).toBeVisible()

  // Enabling without a saved card: the honest answer, on the switch, before sending.
  await form.getByRole('switch', { name: 'Auto top-up' }).click()
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(form.getByText(/Add a card in the elizaOS Cloud dashboard first/)).toBeVisible()
  await form.getByRole('switch', { name: 'Auto top-up' }).click()

  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Auto top-up saved')).toBeVisible()
  await page.reload()
  await expect(amount).toHaveValue('25')
  await expect(threshold).toHaveValue('3')
})

test('auto top-up turns on once a checkout saved a card, and unsaved edits ask before leaving', async ({
  page,
}) => {
  await openBilling(page)
  await startCheckout(page, '5')
  await page.getByRole('button', { name: 'Pay $5.00' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Payment received' })).toBeVisible()
  const form = page.getByRole('form', { name: 'Auto top-up settings' })
  await expect(form.getByText('No saved card')).toBeHidden()
  await form.getByRole('spinbutton', { name: 'Top-up amount (USD)' }).fill('20')
  await form.getByRole('spinbutton', { name: 'Threshold (USD)' }).fill('2')
  await form.getByRole('switch', { name: 'Auto top-up' }).click()

  await page.getByRole('link', { name: 'Transactions' }).click()
  const leave = page.getByRole('alertdialog', { name: 'Leave this page?' })
  await expect(leave).toBeVisible()
  await leave.getByRole('button', { name: 'Stay' }).click()
  await expect(page).toHaveURL(/\/billing(\?|$)/)

  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Auto top-up saved')).toBeVisible()
  await page.reload()
  await expect(form.getByRole('switch', { name: 'Auto top-up' })).toBeChecked()
  await expect(form.getByText('On (saved)')).toBeVisible()
})

test('low-balance warnings below $1 and below $0.50, on the page and the header badge', async ({
  page,
  sandbox,
}) => {
  await sandbox.setBalance(0.8)
  await openBilling(page)
  await expect(page.getByText('Low balance', { exact: true })).toBeVisible()
  await expect(page.getByRole('link', { name: /Balance below \$1\.00/ })).toBeVisible()

  await sandbox.setBalance(0.3)
  await page.reload()
  await expect(page.getByText('Almost out of credits')).toBeVisible()
  const badge = page.getByRole('link', { name: /Balance below \$0\.50/ })
  await expect(badge).toBeVisible()

  await sandbox.setBalance(2)
  await page.goto('/')
  await expect(header(page)).toHaveText('$2.00')
  await expect(page.getByRole('link', { name: /Balance below/ })).toHaveCount(0)
  await page.getByRole('link', { name: /^Credit balance/ }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Billing' })).toBeVisible()
  await expect(page.getByText('Low balance', { exact: true })).toHaveCount(0)
})

test('a 402 in the chat offers Add credits, which opens the form', async ({ page, sandbox }) => {
  await sandbox.setBalance(0)
  await page.goto('/chat')
  await expect(page.getByRole('combobox', { name: 'Target' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello')
  await page.getByRole('textbox', { name: 'Message' }).press('Enter')
  const alert = page.getByRole('alert').filter({ hasText: 'Out of credits' })
  await expect(alert).toBeVisible()
  await expect(page.getByText('Your balance: $0.00.')).toBeVisible()
  await alert.getByRole('link', { name: 'Add credits' }).click()
  await expect(page).toHaveURL(/\/billing#add-credits$/)
  await expect(page.getByRole('dialog', { name: 'Add credits' })).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Amount' })).toBeVisible()
})

test('ledger filters live in the URL and survive a reload; reserve and settle rows are grouped', async ({
  page,
  sandbox,
}) => {
  await sandbox.setBalance(3)
  await openBilling(page, '/billing/transactions')
  const table = page.getByRole('table', { name: 'Transactions' })
  await expect(
    table.getByRole('row').filter({ hasText: 'Sandbox balance adjustment' }),
  ).toBeVisible()

  await page.getByRole('searchbox', { name: 'Search descriptions' }).fill('free credits')
  await expect(page).toHaveURL(/q=free\+credits/)
  await page.getByLabel('From').fill('2020-01-01')
  await expect(page).toHaveURL(/from=2020-01-01/)
  await page.reload()
  await expect(page.getByRole('searchbox', { name: 'Search descriptions' })).toHaveValue(
    'free credits',
  )
  await expect(page.getByLabel('From')).toHaveValue('2020-01-01')
  await expect(table.getByRole('row')).toHaveCount(2)
  await expect(page.getByRole('status').filter({ hasText: 'rows match' })).toContainText('1 of')

  await page.getByLabel('To').fill('2020-01-02')
  await expect(page.getByText('No transactions match')).toBeVisible()
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(page).toHaveURL(/\/billing\/transactions$/)
})
