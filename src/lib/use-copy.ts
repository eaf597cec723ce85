import { useCallback, useEffect, useState } from 'react'

/**
 * Copies text to the clipboard and reports success for a moment (1.5 s), for buttons that read
 * "Copied". Without clipboard access (an insecure context, a denied permission) nothing is
 * reported and the text stays on screen to select by hand.
 */
export function useCopy(): { isCopied: boolean; copy: (text: string) => Promise<void> } {
  const [copiedAt, setCopiedAt] = useState<number | null>(null)
  useEffect(() => {
    if (copiedAt === null) return
    const timer = window.setTimeout(() => setCopiedAt(null), 1500)
    return () => window.clearTimeout(timer)
  }, [copiedAt])
  const copy = useCallback(async (text: string) => {
    try {
      await navigator.clipboard.writeText(text)
      setCopiedAt(Date.now())
    } catch {
      setCopiedAt(null)
    }
  }, [])
  return { isCopied: copiedAt !== null, copy }
}
