#!/usr/bin/env node
// `npm test`: every check in one run — typecheck, lint, format, unit tests (vitest), production build and
// end-to-end tests (Playwright in Chromium, found or installed by scripts/chromium.mjs). Each step runs
// even if an earlier one failed, so one run shows everything; the last line is the totals as
// `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { machineDeps, resolveChromium } from './chromium.mjs'

const root = path.resolve(import.meta.dirname, '..')
const out = path.join(root, 'test-results')
fs.mkdirSync(out, { recursive: true })
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
let passed = 0
let failed = 0
const summary = []

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}: ${[path.basename(cmd), ...args].join(' ')}`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  const secs = ((Date.now() - started) / 1000).toFixed(1)
  return { ok: r.status === 0, secs }
}

function step(label, cmd, args) {
  const { ok, secs } = run(label, cmd, args)
  if (ok) passed++
  else failed++
  summary.push(`${ok ? 'ok  ' : 'FAIL'} ${label} (${secs}s)`)
  return ok
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

/** The titles of the Playwright tests that failed or were flaky, from its JSON report. */
function failedSpecs(suites, trail = []) {
  const found = []
  for (const suite of suites) {
    const here = suite.title && !suite.title.endsWith('.ts') ? [...trail, suite.title] : trail
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === 'unexpected' || test.status === 'flaky')
          found.push(
            `${spec.file}:${spec.line} › ${[...here, spec.title].join(' › ')} (${test.status})`,
          )
      }
    }
    found.push(...failedSpecs(suite.suites ?? [], here))
  }
  return found
}

/** Runs a check with its output held back, so checks can run side by side and print one after another. */
function runQuiet(label, cmd, args) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '1' } })
    const output = []
    child.stdout.on('data', (chunk) => output.push(chunk))
    child.stderr.on('data', (chunk) => output.push(chunk))
    const done = (ok) =>
      resolve({ label, cmd, args, ok, output, secs: ((Date.now() - started) / 1000).toFixed(1) })
    child.on('error', (err) => {
      output.push(Buffer.from(String(err)))
      done(false)
    })
    child.on('close', (code) => done(code === 0))
  })
}

// The three static checks are independent and mostly single-threaded: run them together.
const checks = await Promise.all([
  runQuiet('typecheck', bin('tsc'), ['-b']),
  runQuiet('lint', bin('eslint'), ['.', '--max-warnings', '0']),
  runQuiet('format', bin('prettier'), ['--check', '.']),
])
for (const c of checks) {
  console.log(`\n▶ ${c.label}: ${[path.basename(c.cmd), ...c.args].join(' ')}`)
  process.stdout.write(Buffer.concat(c.output))
  if (c.ok) passed++
  else failed++
  summary.push(`${c.ok ? 'ok  ' : 'FAIL'} ${c.label} (${c.secs}s, run side by side)`)
}

// The browser for the end-to-end tests (and the unit tests that drive one), resolved once and passed
// on to every step as CHROMIUM_PATH.
const browser = resolveChromium(await machineDeps(root))
if (browser) {
  process.env.CHROMIUM_PATH = browser.path
  console.log(`\n▶ Chromium: ${browser.path} (${browser.label})`)
  summary.push(`ok   Chromium: ${browser.label}, ${browser.path}`)
}

// Unit tests: every test counts.
const vitestJson = path.join(out, 'vitest.json')
fs.rmSync(vitestJson, { force: true })
const unit = run('unit tests', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${vitestJson}`,
])
const v = readJson(vitestJson)
if (v) {
  passed += v.numPassedTests
  failed += v.numFailedTests
  // A suite that fails to load has no tests to count: count it as a failure.
  failed += v.testResults.filter(
    (r) => r.status === 'failed' && r.assertionResults.length === 0,
  ).length
  summary.push(
    `${unit.ok ? 'ok  ' : 'FAIL'} unit tests: ${v.numPassedTests} passed, ${v.numFailedTests} failed (${unit.secs}s)`,
  )
  // Name each failure beside the totals, so a run read from its last lines says what to look at.
  for (const r of v.testResults) {
    const file = path.relative(root, r.name)
    if (r.status === 'failed' && r.assertionResults.length === 0)
      summary.push(`       ✗ ${file}: ${String(r.message).split('\n')[0].slice(0, 200)}`)
    for (const a of r.assertionResults.filter((x) => x.status === 'failed'))
      summary.push(
        `       ✗ ${file} › ${a.fullName}: ${String(a.failureMessages?.[0] ?? '')
          .split('\n')[0]
          .slice(0, 200)}`,
      )
  }
} else {
  failed++
  summary.push(`FAIL unit tests: no report (${unit.secs}s)`)
}

// End to end: the production build behind the real proxy, in front of an in-memory sandbox.
const built = step('build', bin('vite'), ['build'])
if (!browser) {
  failed++
  summary.push('FAIL e2e: no Chromium found or installed (set CHROMIUM_PATH)')
} else if (built) {
  const pwJson = path.join(out, 'playwright.json')
  fs.rmSync(pwJson, { force: true })
  const e2e = run('e2e tests', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson })
  const p = readJson(pwJson)
  if (p?.stats) {
    const ok = p.stats.expected + p.stats.flaky
    // A flaky pass is still a pass here, but it is printed so it gets fixed; skips are failures to look at.
    passed += ok
    failed += p.stats.unexpected + p.stats.skipped
    summary.push(
      `${e2e.ok ? 'ok  ' : 'FAIL'} e2e tests: ${ok} passed, ${p.stats.unexpected} failed, ${p.stats.flaky} flaky, ${p.stats.skipped} skipped (${e2e.secs}s)`,
    )
    if (!e2e.ok && p.stats.unexpected === 0) failed++
    for (const t of failedSpecs(p.suites ?? [])) summary.push(`       ✗ ${t}`)
  } else {
    failed++
    summary.push(`FAIL e2e tests: no report (${e2e.secs}s)`)
  }
}

console.log('\n' + summary.join('\n'))
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
