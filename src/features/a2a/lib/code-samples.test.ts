import { describe, expect, it } from 'vitest'
import { a2aCodeSamples } from './code-samples'
import { buildProductExample, buildTasksGet, rewriteToMessageSend } from '../api/message'

const request = rewriteToMessageSend(buildProductExample(1), 2)

describe('A2A code samples', () => {
  // The variable's name comes from the proxy (`/_console/info`); any name shows it is used as given.
  const samples = a2aCodeSamples(request, 'CLOUD_KEY_VAR')
  const byId = Object.fromEntries(samples.map((s) => [s.id, s.code]))

  it('gives curl, TypeScript and Python for POST /api/a2a with the key as a variable', () => {
    expect(samples.map((s) => s.id)).toEqual(['curl', 'typescript', 'python'])
    for (const code of Object.values(byId)) {
      expect(code).toContain('https://www.elizacloud.ai/api/a2a')
      expect(code).toContain('CLOUD_KEY_VAR')
      expect(code).toContain('"message/send"')
      expect(code).toContain('"taskId": "task-123"')
    }
    expect(byId.curl).toContain('-H "Authorization: Bearer $CLOUD_KEY_VAR"')
    expect(byId.python).toContain("os.environ['CLOUD_KEY_VAR']")
    expect(byId.typescript).toContain('process.env.CLOUD_KEY_VAR')
  })

  it('reads the JSON-RPC error body whatever the status instead of failing on the status', () => {
    expect(byId.python).not.toContain('raise_for_status')
    expect(byId.python).toContain('if "error" in answer:')
    expect(byId.typescript).not.toContain('if (!res.ok)')
    expect(byId.typescript).toContain("if ('error' in answer)")
  })

  it('says plainly why the TypeScript sample does not use @a2a-js/sdk (kind parts)', () => {
    expect(byId.typescript).toContain('@a2a-js/sdk')
    expect(byId.typescript).toMatch(/kind: "text"/)
    expect(byId.typescript).toMatch(/empty prompt/)
    expect(byId.typescript).toContain('params.metadata.taskId')
  })

  it('writes parts with `type`, never `kind`, in the request', () => {
    for (const code of Object.values(byId)) expect(code).toContain('"type": "text"')
    expect(byId.curl).not.toContain('"kind"')
  })

  it('is valid JSON inside curl for another method', () => {
    const curl = a2aCodeSamples(buildTasksGet('t1', 2, 3), 'KEY').find((s) => s.id === 'curl')
    const json = /-d '([\s\S]*)'$/.exec(curl?.code ?? '')?.[1]
    expect(JSON.parse(json ?? '')).toEqual({
      jsonrpc: '2.0',
      method: 'tasks/get',
      params: { id: 't1', historyLength: 2 },
      id: 3,
    })
  })
})
