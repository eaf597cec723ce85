// "View code" for a call to the platform A2A endpoint (docs/a2a.md §Code): curl, TypeScript and
// Python, the key written as the proxy's environment variable, never its value.
import { CLOUD_ORIGIN, jsonRequestSamples, type CodeSample } from '@/lib/code-samples'
import type { RpcRequest } from '../api/schemas'

/**
 * Why the TypeScript sample posts with fetch instead of @a2a-js/sdk's client: the SDK (1.x)
 * speaks A2A 1.0 and reaches a 0.3 server only through its compat layer, which writes parts with
 * `kind`; the cloud reads `type` only, so such a message arrives as an empty prompt. The SDK
 * also puts its task id in `message.taskId` (the cloud reads `params.metadata.taskId`) and looks
 * for /.well-known/agent-card.json, which the cloud does not serve (docs/a2a.md §SDK).
 */
const SDK_NOTE = [
  '// Plain fetch, not @a2a-js/sdk: the SDK (1.x, A2A 1.0; 0.3 via its compat layer)',
  '// writes parts as {kind: "text"}, and the elizaOS Cloud endpoint reads only',
  '// {type: "text"}, so an SDK message arrives there as an empty prompt. The SDK also',
  '// sends its task id as message.taskId (the cloud reads params.metadata.taskId) and',
  '// looks for /.well-known/agent-card.json, which the cloud does not serve (404).',
  '// The types below match what the cloud really sends (parts discriminated by `type`).',
].join('\n')

const TS_TYPES = `type Part =
  | { type: 'text'; text: string }
  | { type: 'data'; data: Record<string, unknown> }
  | { type: 'file'; file: { bytes?: string; uri?: string; mimeType?: string } }
type Task = {
  id: string
  status: { state: string; message?: { role: string; parts: Part[] }; timestamp: string }
  history?: { role: string; parts: Part[] }[]
  artifacts?: { name?: string; parts: Part[] }[]
}
type RpcAnswer =
  | { jsonrpc: '2.0'; result: Task; id: string | number | null }
  | { jsonrpc: '2.0'; error: { code: number; message: string }; id: string | number | null }`

export function a2aCodeSamples(request: RpcRequest, keyVariable: string): CodeSample[] {
  const base = jsonRequestSamples({ path: '/api/a2a', body: request, keyVariable })
  const url = `${CLOUD_ORIGIN}/api/a2a`
  const body = JSON.stringify(request, null, 2).replace(/\n/g, '\n  ')
  return base.map((sample): CodeSample => {
    if (sample.id === 'curl') {
      return {
        ...sample,
        code: `# JSON-RPC errors come with HTTP 400/401/402/404/429/500; the body says which.\n${sample.code}`,
      }
    }
    if (sample.id === 'python') {
      return {
        ...sample,
        code: sample.code.replace(
          'res.raise_for_status()\nprint(res.json())',
          `# Errors arrive with a non-200 status but a JSON-RPC body: read it either way.
answer = res.json()
if "error" in answer:
    raise SystemExit(f"{answer['error']['code']}: {answer['error']['message']}")
print(answer["result"]["status"]["state"], answer["result"].get("artifacts"))`,
        ),
      }
    }
    return {
      ...sample,
      code: `${SDK_NOTE}
${TS_TYPES}

const res = await fetch('${url}', {
  method: 'POST',
  headers: {
    Authorization: \`Bearer \${process.env.${keyVariable}}\`,
    'Content-Type': 'application/json',
  },
  body: JSON.stringify(${body}),
})
// Errors arrive with a non-200 status (404 for -32601, 402 for -32011 …) and a JSON-RPC body.
const answer = (await res.json()) as RpcAnswer
if ('error' in answer) throw new Error(\`\${answer.error.code}: \${answer.error.message}\`)
console.log(answer.result.status.state, answer.result.artifacts)
`,
    }
  })
}
