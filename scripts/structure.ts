// `npm run structure`: the codebase's shape in figures (issue 16): lines of sandbox/ and src/, the
// largest files, the files that register a sandbox route, and citations that point outside the repo.
// Prints a table and writes bench-results/structure.json.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { outsideCitations } from './citations.ts'

const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { encoding: 'utf8' })
  .split('\n')
  .filter((f) => /\.(ts|tsx|mts|mjs|js)$/.test(f) && !f.endsWith('.gen.ts'))
const read = (f: string): string => readFileSync(f, 'utf8')
const lines = (f: string): number => read(f).split('\n').length - 1

function tree(dir: string) {
  const own = files.filter((f) => f.startsWith(`${dir}/`))
  const sized = own.map((f) => ({ file: f, lines: lines(f) })).sort((a, b) => b.lines - a.lines)
  const isTest = (f: string) => /\.test\.tsx?$/.test(f)
  return {
    files: own.length,
    lines: sized.reduce((n, f) => n + f.lines, 0),
    sourceLines: sized.filter((f) => !isTest(f.file)).reduce((n, f) => n + f.lines, 0),
    testLines: sized.filter((f) => isTest(f.file)).reduce((n, f) => n + f.lines, 0),
    largest: sized.slice(0, 5),
    over700: sized.filter((f) => f.lines > 700).map((f) => `${f.file} (${f.lines})`),
  }
}

// A file registers routes when it builds a Hono router or declares a route.
const REGISTERS =
  /new Hono\(|\.(get|post|put|patch|delete|all|on)\(\s*['"`]\/api|\broute\(\s*\{\s*method:/
const routeFiles = files.filter(
  (f) => f.startsWith('sandbox/') && !f.includes('.test.') && REGISTERS.test(read(f)),
)

const outsideFiles = outsideCitations()
const outside = Object.values(outsideFiles).reduce((n, k) => n + k, 0)

const figures = {
  sandbox: tree('sandbox'),
  src: tree('src'),
  routeRegisteringFiles: routeFiles.length,
  routeFiles,
  citationsOutsideRepo: outside,
  filesCitingOutside: Object.keys(outsideFiles).length,
}
mkdirSync('bench-results', { recursive: true })
writeFileSync('bench-results/structure.json', `${JSON.stringify(figures, null, 2)}\n`)
for (const dir of ['sandbox', 'src'] as const) {
  const t = figures[dir]
  console.log(
    `${dir}/: ${t.files} files, ${t.lines} lines (${t.sourceLines} source, ${t.testLines} tests); ` +
      `largest ${t.largest[0]?.file} (${t.largest[0]?.lines}); over 700 lines: ${t.over700.length}`,
  )
  for (const f of t.over700) console.log(`  ${f}`)
}
console.log(`files registering a sandbox route: ${figures.routeRegisteringFiles}`)
console.log(
  `citations pointing outside the repo: ${outside} in ${figures.filesCitingOutside} files`,
)
