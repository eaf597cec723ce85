/**
 * The address the browser should load a generated file from. The cloud answers with public blob
 * URLs (https, allowed by the console's CSP); the sandbox answers with URLs on its own origin for
 * its file routes (`/api/v1/generate-{image,video}/files/…`), which the browser reaches through the
 * same-origin proxy instead. Anything else (e.g. a `data:` URL, docs/cloud/media.md §1) is returned as is.
 */
export function mediaSrc(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return url // relative already
  }
  if (/^\/api\/v1\/generate-(image|video)\/files\//.test(parsed.pathname)) {
    return parsed.pathname + parsed.search
  }
  return url
}
