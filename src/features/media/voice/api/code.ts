import {
  CLOUD_ORIGIN,
  jsonRequestSamples,
  pythonLiteral,
  shellQuote,
  type CodeSample,
} from '@/lib/code-samples'
import { ttsBody, type SpeakInput } from './voice-requests'

/** A TTS run as code: the MP3 answer is written to speech.mp3 (docs/cloud/media.md §5.1). */
export const ttsSamples = (input: SpeakInput, keyVariable: string): CodeSample[] =>
  jsonRequestSamples({
    path: '/api/v1/voice/tts',
    body: ttsBody(input),
    keyVariable,
    binaryOutput: 'speech.mp3',
  })

export type CloneCodeSpec = {
  name: string
  description: string
  cloneType: string
  /** The sample files' names, as they would sit next to the script. */
  fileNames: string[]
  keyVariable: string
}

/** A voice clone as multipart code: curl `-F`, TypeScript `FormData`, Python `files=` (docs/cloud/media.md §5.3). */
export function cloneSamples({
  name,
  description,
  cloneType,
  fileNames,
  keyVariable,
}: CloneCodeSpec): CodeSample[] {
  const url = `${CLOUD_ORIGIN}/api/v1/voice/clone`
  const files = fileNames.length > 0 ? fileNames : ['sample.wav']
  const fields: [string, string][] = [
    ['name', name.trim() || 'My voice'],
    ['cloneType', cloneType],
  ]
  if (description.trim()) fields.push(['description', description.trim()])
  const curl = [
    `curl ${url} \\`,
    `  -H "Authorization: Bearer $${keyVariable}" \\`,
    ...fields.map(([k, v]) => `  -F ${shellQuote(`${k}=${v}`)} \\`),
    ...files.map(
      (f, i) => `  -F ${shellQuote(`file${i}=@${f}`)}${i < files.length - 1 ? ' \\' : ''}`,
    ),
  ].join('\n')
  const ts = `import { readFile } from 'node:fs/promises'

const form = new FormData()
${fields.map(([k, v]) => `form.append(${JSON.stringify(k)}, ${JSON.stringify(v)})`).join('\n')}
${files
  .map(
    (f, i) =>
      `form.append('file${i}', new Blob([await readFile(${JSON.stringify(f)})]), ${JSON.stringify(f)})`,
  )
  .join('\n')}

const res = await fetch('${url}', {
  method: 'POST',
  headers: { Authorization: \`Bearer \${process.env.${keyVariable}}\` },
  body: form,
})
if (!res.ok) throw new Error(\`\${res.status}: \${await res.text()}\`)
console.log(await res.json())
`
  const py = `import os
import requests

files = [
${files.map((f, i) => `    ("file${i}", (${JSON.stringify(f)}, open(${JSON.stringify(f)}, "rb"))),`).join('\n')}
]
res = requests.post(
    "${url}",
    headers={"Authorization": f"Bearer {os.environ['${keyVariable}']}"},
    data=${pythonLiteral(Object.fromEntries(fields), 4)},
    files=files,
)
res.raise_for_status()
print(res.json())
`
  return [
    { id: 'curl', label: 'curl', code: curl },
    { id: 'typescript', label: 'TypeScript', code: ts },
    { id: 'python', label: 'Python', code: py },
  ]
}
