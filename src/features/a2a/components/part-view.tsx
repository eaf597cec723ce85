import { Download, FileQuestion } from 'lucide-react'
import { useEffect, useMemo } from 'react'
import type { Part } from '../api/schemas'

/** A part's discriminator: the cloud's `type`, else the newer spec's `kind` (sandbox extension). */
export const partKind = (part: Part) => part.type ?? part.kind ?? 'unknown'

const formatJson = (value: unknown) => JSON.stringify(value, null, 2)

/** base64 → object URL, released when the part goes away; a bad base64 string gives null. */
function useBytesUrl(bytes: string | undefined, mimeType: string): string | null {
  const url = useMemo(() => {
    if (!bytes) return null
    try {
      const binary = atob(bytes)
      const buffer = new Uint8Array(binary.length)
      for (let i = 0; i < binary.length; i++) buffer[i] = binary.charCodeAt(i)
      return URL.createObjectURL(new Blob([buffer], { type: mimeType }))
    } catch {
      return null
    }
  }, [bytes, mimeType])
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url])
  return url
}

function FilePart({ file, label }: { file: NonNullable<Part['file']>; label: string }) {
  const mimeType = file.mimeType ?? 'application/octet-stream'
  const fromBytes = useBytesUrl(file.bytes, mimeType)
  // The page's CSP lets images come from https: and data: URLs; other schemes are only named.
  const src = fromBytes ?? (file.uri && /^(https:|data:)/.test(file.uri) ? file.uri : null)
  const name = file.name ?? `a2a-file.${mimeType.split('/')[1]?.split('+')[0] ?? 'bin'}`
  if (!src) {
    return (
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <FileQuestion className="size-4" aria-hidden />
        {file.uri ? (
          <span>
            A file at <span className="font-mono break-all">{file.uri}</span> ({mimeType})
          </span>
        ) : (
          <span>A file part without readable bytes ({mimeType}).</span>
        )}
      </p>
    )
  }
  return (
    <figure className="grid gap-2">
      {mimeType.startsWith('image/') ? (
        <img
          src={src}
          alt={label}
          className="max-h-80 w-auto max-w-full rounded-md border bg-muted object-contain"
        />
      ) : null}
      <figcaption>
        <a
          href={src}
          download={name}
          className="inline-flex items-center gap-1.5 text-sm font-medium text-primary underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
        >
          <Download className="size-4" aria-hidden />
          Download {name}
        </a>
      </figcaption>
    </figure>
  )
}

/** One part: text as text, data as formatted JSON, a file as an image or a download. */
export function PartView({ part, label }: { part: Part; label: string }) {
  const kind = partKind(part)
  if (kind === 'text') {
    return (
      <p className="text-sm break-words whitespace-pre-wrap">
        {typeof part.text === 'string' ? part.text : formatJson(part.text)}
      </p>
    )
  }
  if (kind === 'data') {
    return (
      <pre
        aria-label={`${label}: data`}
        className="max-h-80 overflow-auto rounded-md border bg-muted/60 p-3 font-mono text-xs leading-relaxed"
      >
        {formatJson(part.data)}
      </pre>
    )
  }
  if (kind === 'file' && part.file) return <FilePart file={part.file} label={label} />
  return (
    <pre
      aria-label={`${label}: unrecognised part`}
      className="max-h-60 overflow-auto rounded-md border border-dashed p-3 font-mono text-xs"
    >
      {formatJson(part)}
    </pre>
  )
}
