import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { SourceMapGenerator } from 'source-map-js'
import { afterEach, describe, expect, it } from 'vitest'
import { attribute, groupOf, packageOf } from './bundle-breakdown.ts'

describe('packageOf / groupOf', () => {
  it('names the package of a node_modules source, scoped or not', () => {
    expect(packageOf('../../node_modules/react-dom/cjs/x.js')).toBe('react-dom')
    expect(packageOf('../node_modules/@tanstack/router-core/dist/esm/router.js')).toBe(
      '@tanstack/router-core',
    )
    expect(packageOf('../../src/lib/cn.ts')).toBeNull()
  })

  it('groups the framework, zod, other libraries, our code and unmapped bytes', () => {
    expect(groupOf('node_modules/scheduler/index.js')).toBe('react, react-dom, scheduler')
    expect(groupOf('node_modules/@tanstack/history/dist/index.js')).toBe('@tanstack router')
    expect(groupOf('node_modules/@tanstack/query-core/build/x.js')).toBe('@tanstack query')
    expect(groupOf('node_modules/zod/v4/core/schemas.js')).toBe('zod')
    expect(groupOf('node_modules/lucide-react/dist/esm/icons/x.mjs')).toBe('other libraries')
    expect(groupOf('../../src/main.tsx')).toBe('our code')
    expect(groupOf(null)).toBe('bundler runtime')
  })
})

describe('attribute', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  function tmp(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'breakdown-test-'))
    dirs.push(dir)
    fs.mkdirSync(path.join(dir, 'assets'))
    return dir
  }

  // One line: 10 unmapped bytes, then react-dom's text, then ours, then lucide's.
  const runtime = 'var a=1;;;'
  const react = 'function r(){return "react-dom react-dom react-dom"}'.repeat(20)
  const ours = 'export const mine=()=>"our own code here";'.repeat(10)
  const icons = 'const icon=[["path",{d:"M1 2"}]];'
  const code = runtime + react + ours + icons

  function write(dist: string, mapped: string, mappedCode = code): void {
    fs.writeFileSync(path.join(dist, 'assets/main.js'), code)
    fs.writeFileSync(path.join(mapped, 'assets/main.js'), mappedCode)
    const map = new SourceMapGenerator({ file: 'main.js' })
    const at = (column: number, source: string) =>
      map.addMapping({
        generated: { line: 1, column },
        original: { line: 1, column: 0 },
        source,
      })
    at(runtime.length, '../node_modules/react-dom/cjs/client.js')
    at(runtime.length + react.length, '../src/lib/mine.ts')
    at(runtime.length + react.length + ours.length, '../node_modules/lucide-react/icon.mjs')
    fs.writeFileSync(path.join(mapped, 'assets/main.js.map'), map.toString())
  }

  it('attributes every byte once, and the gzip shares add up to the file', () => {
    const dist = tmp()
    const mapped = tmp()
    write(dist, mapped)
    fs.writeFileSync(path.join(dist, 'theme-init.js'), 'document.documentElement.dataset.t=1')
    const result = attribute(dist, mapped, ['assets/main.js', 'theme-init.js'])
    const by = Object.fromEntries(result.groups.map((g) => [g.group, g]))
    expect(by['bundler runtime']?.bytes).toBe(runtime.length)
    expect(by['react, react-dom, scheduler']?.bytes).toBe(react.length)
    expect(by['other libraries']?.bytes).toBe(icons.length)
    // Ours: the mapped module and the public/ file, which has no map.
    expect(by['our code']?.bytes).toBe(ours.length + 36)
    const gzip = (s: string) => zlib.gzipSync(s, { level: 9 }).length
    const total = result.groups.reduce((n, g) => n + g.gzipBytes, 0)
    const expected = gzip(code) + gzip('document.documentElement.dataset.t=1')
    expect(Math.abs(total - expected)).toBeLessThanOrEqual(result.groups.length)
    expect(result.otherLibraries.map((o) => o.name)).toEqual(['lucide-react'])
    expect(result.unmapped).toEqual([])
  })

  it('refuses to attribute a file whose mapped build differs from the measured one', () => {
    const dist = tmp()
    const mapped = tmp()
    write(dist, mapped, code + '// other bytes')
    const result = attribute(dist, mapped, ['assets/main.js'])
    expect(result.unmapped).toEqual(['assets/main.js'])
    expect(result.groups.every((g) => g.bytes === 0)).toBe(true)
  })
})
