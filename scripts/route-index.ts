// `npm run routes`: which file declares each sandbox route, written into docs/sandbox.md between
// the route-index markers (`--check` exits 1 when the table is stale; route-index.test.ts runs
// the same check). A newcomer finds `POST /api/v1/knowledge/query` with one search.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

export interface IndexedRoute {
  method: string
  path: string
  file: string
}

const DECLARATION = /\.route\(\{\s*method:\s*'(\w+)',\s*path:\s*'([^']+)'/g

/** Every `routes.route({ method, path … })` in the sandbox's source files. */
export function scanDeclarations(): IndexedRoute[] {
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', 'sandbox'], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  const found: IndexedRoute[] = []
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(DECLARATION)) {
      found.push({ method: (m[1] as string).toUpperCase(), path: m[2] as string, file })
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method))
}

const START = '<!-- route-index:start (npm run routes) -->'
const END = '<!-- route-index:end -->'
export const DOC = 'docs/sandbox.md'

export function renderIndex(routes: readonly IndexedRoute[]): string {
  const rows = routes.map((r) => `| \`${r.method} ${r.path}\` | \`${r.file}\` |`)
  return [START, '', '| Route | Declared in |', '|---|---|', ...rows, '', END].join('\n')
}

/** docs/sandbox.md with its route table brought up to date. */
export function withIndex(doc: string, routes: readonly IndexedRoute[]): string {
  const a = doc.indexOf(START)
  const b = doc.indexOf(END)
  if (a < 0 || b < 0) throw new Error(`${DOC} has no route-index markers`)
  return doc.slice(0, a) + renderIndex(routes) + doc.slice(b + END.length)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const doc = readFileSync(DOC, 'utf8')
  const next = withIndex(doc, scanDeclarations())
  if (process.argv.includes('--check')) {
    if (next !== doc) {
      console.error(`${DOC}: the route index is stale; run npm run routes`)
      process.exit(1)
    }
  } else {
    writeFileSync(DOC, next)
    console.log(`${DOC}: ${scanDeclarations().length} routes`)
  }
}
