// No layout shift while a page fills in (issue #15: the chat toolbar moved when Compare appeared,
// CLS 0.18 at 1350 px; the overview's containers card grew under the page). Every API answer is
// held back (400 ms, and the overview's secondary cards longer than the balance it waits for), as
// on a slow phone, so anything that paints before its data and then resizes shows up as a shift.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'
import { CONSOLE_PAGES } from './pages.ts'

type Shift = { value: number; sources: string[] }

declare global {
  interface Window {
    __shifts: Shift[]
  }
}

async function recordShifts(page: Page, delayMs: (url: string) => number = () => 400) {
  await page.addInitScript(() => {
    window.__shifts = []
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number
        hadRecentInput: boolean
        sources: { node?: Node | null }[]
      })[]) {
        if (entry.hadRecentInput) continue
        window.__shifts.push({
          value: entry.value,
          sources: entry.sources.map((s) =>
            s.node instanceof Element ? s.node.outerHTML.slice(0, 120) : String(s.node?.nodeName),
          ),
        })
      }
    }).observe({ type: 'layout-shift', buffered: true })
  })
  await page.route(/\/(api|_console)\//, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, delayMs(route.request().url())))
    await route.continue()
  })
}

async function totalShift(page: Page) {
  // Two frames, so a shift from the last render has been reported.
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  )
  const shifts = await page.evaluate(() => window.__shifts)
  return { total: shifts.reduce((n, s) => n + s.value, 0), shifts }
}

for (const viewport of [
  { width: 412, height: 823 },
  { width: 1350, height: 940 },
]) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport })

    test('the overview fills in without moving', async ({ page }) => {
      // The balance is awaited for the first paint; the other cards arrive after it.
      await recordShifts(page, (url) => (url.includes('/credits/balance') ? 400 : 1200))
      await page.goto('/')
      await expect(page.getByRole('list', { name: 'Containers by status' })).toBeVisible()
      await expect(page.getByRole('region', { name: 'Recent credit transactions' })).toBeVisible()
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0)
      const { total, shifts } = await totalShift(page)
      expect(total, JSON.stringify(shifts, null, 1)).toBeLessThan(0.001)
    })

    test('the chat fills in without moving', async ({ page }) => {
      await recordShifts(page)
      await page.goto('/chat')
      await expect(page.getByText('The cloud adds 20% to these prices.')).toBeVisible()
      await expect(page.getByRole('button', { name: 'Compare' })).toBeEnabled()
      await expect(page.getByRole('meter', { name: /Request size/ })).toBeVisible()
      const { total, shifts } = await totalShift(page)
      expect(total, JSON.stringify(shifts, null, 1)).toBeLessThan(0.001)
    })
  })
}

// Every other page: it has settled when the network is quiet and nothing is marked busy.
const OTHER_PAGES = CONSOLE_PAGES.filter((path) => path !== '/' && path !== '/chat')

test('every other page fills in without moving, at phone and desktop width', async ({ page }) => {
  test.setTimeout(120_000)
  await recordShifts(page)
  const moved: string[] = []
  for (const viewport of [
    { width: 412, height: 823 },
    { width: 1350, height: 940 },
  ]) {
    await page.setViewportSize(viewport)
    for (const path of OTHER_PAGES) {
      await page.goto(path)
      await page.waitForLoadState('networkidle')
      await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0)
      const { total, shifts } = await totalShift(page)
      if (total >= 0.001)
        moved.push(`${path} at ${viewport.width} px: ${total.toFixed(4)} ${JSON.stringify(shifts)}`)
    }
  }
  expect(moved).toEqual([])
})
