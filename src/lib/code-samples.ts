/**
 * Building blocks for "View code": the same request as curl, TypeScript and Python. The key is
 * always written as the environment variable the proxy names (`/_console/info`), never a value.
 */

/** The cloud's public base (docs/cloud/README.md "Base URL"). */
export const CLOUD_ORIGIN = 'https://www.elizacloud.ai'

export type CodeSample = { id: 'curl' | 'typescript' | 'python'; label: string; code: string }

/** A POSIX shell single-quoted string ('…' with each ' written as '\''). */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

/** A JSON-like value as a Python literal (None/True/False, indented like black would). */
export function pythonLiteral(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent)
  const inner = ' '.repeat(indent + 4)
  if (value === null || value === undefined) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    return `[\n${value.map((v) => inner + pythonLiteral(v, indent + 4)).join(',\n')},\n${pad}]`
  }
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length === 0) return '{}'
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pythonLiteral(v, indent + 4)}`).join(',\n')},\n${pad}}`
}

export type JsonRequestSpec = {
  /** Path under the cloud origin, e.g. `/api/v1/generate-image`. */
  path: string
  body: unknown
  keyVariable: string
  /**
   * The response is a file (e.g. `audio/mpeg`), written to this name instead of printed as JSON.
   */
  binaryOutput?: string
}

/** A JSON POST as curl, TypeScript (fetch) and Python (requests). */
export function jsonRequestSamples({
  path,
  body,
  keyVariable,
  binaryOutput,
}: JsonRequestSpec): CodeSample[] {
  const url = `${CLOUD_ORIGIN}${path}`
  const json = JSON.stringify(body, null, 2)
  const tsBody = json.replace(/\n/g, '\n  ')
  return [
    {
      id: 'curl',
      label: 'curl',
      code: [
        `curl ${url} \\`,
        `  -H "Authorization: Bearer $${keyVariable}" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -d ${shellQuote(json)}${binaryOutput ? ` \\\n  -o ${shellQuote(binaryOutput)}` : ''}`,
      ].join('\n'),
    },
    {
      id: 'typescript',
      label: 'TypeScript',
      code: `${binaryOutput ? "import { writeFile } from 'node:fs/promises'\n\n" : ''}const res = await fetch('${url}', {
  method: 'POST',
  headers: {
    Authorization: \`Bearer \${process.env.${keyVariable}}\`,
    'Content-Type': 'application/json',
  },
  body: JSON.stringify(${tsBody}),
})
if (!res.ok) throw new Error(\`\${res.status}: \${await res.text()}\`)
${
  binaryOutput
    ? `await writeFile(${JSON.stringify(binaryOutput)}, Buffer.from(await res.arrayBuffer()))`
    : 'console.log(await res.json())'
}
`,
    },
    {
      id: 'python',
      label: 'Python',
      code: `import os
import requests

res = requests.post(
    "${url}",
    headers={"Authorization": f"Bearer {os.environ['${keyVariable}']}"},
    json=${pythonLiteral(body, 4)},
)
res.raise_for_status()
${
  binaryOutput
    ? `with open(${JSON.stringify(binaryOutput)}, "wb") as f:\n    f.write(res.content)`
    : 'print(res.json())'
}
`,
    },
  ]
}
