import { CLOUD_ORIGIN, pythonLiteral, shellQuote, type CodeSample } from '@/lib/code-samples'
import type { ChatRequest } from '../api/schemas'

/** The exact completion request as curl, TypeScript (openai SDK) and Python (openai SDK). */
export function completionSamples(request: ChatRequest, keyVariable: string): CodeSample[] {
  // What the console sends, including the usage request (ignored by the cloud, chat.md).
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
        `curl ${CLOUD_ORIGIN}/api/v1/chat/completions \\`,
        `  -H "Authorization: Bearer $${keyVariable}" \\`,
        `  -H "Content-Type: application/json" \\`,
        `  -N -d ${shellQuote(json)}`,
      ].join('\n'),
    },
    {
      id: 'typescript',
      label: 'TypeScript',
      code: `import OpenAI from 'openai'

const client = new OpenAI({
  apiKey: process.env.${keyVariable},
  baseURL: '${CLOUD_ORIGIN}/api/v1',
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
      code: `import os
from openai import OpenAI

client = OpenAI(
    api_key=os.environ["${keyVariable}"],
    base_url="${CLOUD_ORIGIN}/api/v1",
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

/** Talking to an agent: create a room, then stream a message into it (chat.md, option 1). */
export function roomSamples(agentId: string, text: string, keyVariable: string): CodeSample[] {
  const room = JSON.stringify({ characterId: agentId })
  const message = JSON.stringify({ text })
  return [
    {
      id: 'curl',
      label: 'curl',
      code: `ROOM=$(curl -s ${CLOUD_ORIGIN}/api/eliza/rooms \\
  -H "Authorization: Bearer $${keyVariable}" \\
  -H "Content-Type: application/json" \\
  -d ${shellQuote(room)} | jq -r .roomId)

curl -N ${CLOUD_ORIGIN}/api/eliza/rooms/$ROOM/messages/stream \\
  -H "Authorization: Bearer $${keyVariable}" \\
  -H "Content-Type: application/json" \\
  -d ${shellQuote(message)}`,
    },
    {
      id: 'typescript',
      label: 'TypeScript',
      code: `const headers = {
  Authorization: \`Bearer \${process.env.${keyVariable}}\`,
  'Content-Type': 'application/json',
}
const base = '${CLOUD_ORIGIN}'
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
      code: `import os
import requests

base = "${CLOUD_ORIGIN}"
headers = {"Authorization": f"Bearer {os.environ['${keyVariable}']}"}
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
