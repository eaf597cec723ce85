import { CLOUD_ORIGIN, pythonLiteral, shellQuote, type CodeSample } from '@/lib/code-samples'
import type { ChatRequest } from '../api/schemas'

/**
 * Where the code sends its request. The cloud: its public origin, with the key from the variable
 * the proxy names. The sandbox: its own address is internal to the console, so the code calls
 * the console's proxy (this page's origin), which forwards to the sandbox and adds the key
 * itself: `keyVariable` is null and no key is sent (docs/chat.md §View code).
 */
export type CodeTarget = { origin: string; keyVariable: string | null }

/** The target for the upstream the proxy reports. */
export function codeTargetFor(
  upstream: 'cloud' | 'sandbox',
  keyVariable: string,
  pageOrigin: string,
): CodeTarget {
  return upstream === 'sandbox'
    ? { origin: pageOrigin, keyVariable: null }
    : { origin: CLOUD_ORIGIN, keyVariable }
}

// What the SDKs are given when the proxy supplies the key: they insist on some value.
const PROXY_KEY_PLACEHOLDER = 'added-by-the-console-proxy'

const curlAuth = (t: CodeTarget) =>
  t.keyVariable === null ? [] : [`  -H "Authorization: Bearer $${t.keyVariable}" \\`]
const tsKey = (t: CodeTarget) =>
  t.keyVariable === null ? `'${PROXY_KEY_PLACEHOLDER}'` : `process.env.${t.keyVariable}`
const pyKey = (t: CodeTarget) =>
  t.keyVariable === null ? `"${PROXY_KEY_PLACEHOLDER}"` : `os.environ["${t.keyVariable}"]`

/** The exact completion request as curl, TypeScript (openai SDK) and Python (openai SDK). */
export function completionSamples(request: ChatRequest, target: CodeTarget): CodeSample[] {
  const origin = target.origin
  // What the console sends, including the usage request (ignored by the cloud, docs/cloud/chat.md).
  const body = { ...request, stream: true, stream_options: { include_usage: true } }
  const { model: _model, messages: _messages, ...rest } = request
  const json = JSON.stringify(body, null, 2)
  const tsExtra = Object.entries(rest)
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)},\n`)
    .join('')
  const pyExtra = Object.entries(rest)
    .map(([k, v]) => `    ${k}=${pythonLiteral(v, 4)},\n`)
    .join('')
  return [
    {
      id: 'curl',
      label: 'curl',
      code: [
        `curl ${origin}/api/v1/chat/completions \\`,
        ...curlAuth(target),
        `  -H "Content-Type: application/json" \\`,
        `  -N -d ${shellQuote(json)}`,
      ].join('\n'),
    },
    {
      id: 'typescript',
      label: 'TypeScript',
      code: `import OpenAI from 'openai'

const client = new OpenAI({
  apiKey: ${tsKey(target)},
  baseURL: '${origin}/api/v1',
})

const stream = await client.chat.completions.create({
  model: ${JSON.stringify(request.model)},
  messages: ${JSON.stringify(request.messages, null, 2).replace(/\n/g, '\n  ')},
${tsExtra}  stream: true,
  stream_options: { include_usage: true },
})
for await (const chunk of stream) {
  process.stdout.write(chunk.choices[0]?.delta?.content ?? '')
}
`,
    },
    {
      id: 'python',
      label: 'Python',
      code: `${target.keyVariable === null ? '' : 'import os\n'}from openai import OpenAI

client = OpenAI(
    api_key=${pyKey(target)},
    base_url="${origin}/api/v1",
)

stream = client.chat.completions.create(
    model=${JSON.stringify(request.model)},
    messages=${pythonLiteral(request.messages, 4)},
${pyExtra}    stream=True,
    stream_options={"include_usage": True},
)
for chunk in stream:
    if chunk.choices and chunk.choices[0].delta.content:
        print(chunk.choices[0].delta.content, end="")
`,
    },
  ]
}

/** Talking to an agent: create a room, then stream a message into it (docs/cloud/chat.md, option 1). */
export function roomSamples(agentId: string, text: string, target: CodeTarget): CodeSample[] {
  const { origin, keyVariable } = target
  const auth = curlAuth(target)
    .map((line) => `${line}\n`)
    .join('')
  const room = JSON.stringify({ characterId: agentId })
  const message = JSON.stringify({ text })
  return [
    {
      id: 'curl',
      label: 'curl',
      code: `ROOM=$(curl -s ${origin}/api/eliza/rooms \\
${auth}  -H "Content-Type: application/json" \\
  -d ${shellQuote(room)} | jq -r .roomId)

curl -N ${origin}/api/eliza/rooms/$ROOM/messages/stream \\
${auth}  -H "Content-Type: application/json" \\
  -d ${shellQuote(message)}`,
    },
    {
      id: 'typescript',
      label: 'TypeScript',
      code: `const headers = {
${keyVariable === null ? '' : `  Authorization: \`Bearer \${process.env.${keyVariable}}\`,\n`}  'Content-Type': 'application/json',
}
const base = '${origin}'
const { roomId } = await fetch(\`\${base}/api/eliza/rooms\`, {
  method: 'POST',
  headers,
  body: JSON.stringify(${room}),
}).then((r) => r.json())

const res = await fetch(\`\${base}/api/eliza/rooms/\${roomId}/messages\`, {
  method: 'POST',
  headers,
  body: JSON.stringify(${message}),
})
console.log((await res.json()).message.content.text)
`,
    },
    {
      id: 'python',
      label: 'Python',
      code: `${keyVariable === null ? '' : 'import os\n'}import requests

base = "${origin}"
headers = ${keyVariable === null ? '{}' : `{"Authorization": f"Bearer {os.environ['${keyVariable}']}"}`}
room = requests.post(f"{base}/api/eliza/rooms", json=${pythonLiteral({ characterId: agentId })}, headers=headers).json()
reply = requests.post(
    f"{base}/api/eliza/rooms/{room['roomId']}/messages",
    json=${pythonLiteral({ text }, 4)},
    headers=headers,
).json()
print(reply["message"]["content"]["text"])
`,
    },
  ]
}
