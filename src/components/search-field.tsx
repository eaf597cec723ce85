import { Search } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Input } from '@/components/ui/input'
import { cn } from '@/lib/cn'

type SearchFieldProps = {
  /** The search in force (the URL's); the field follows it when it changes elsewhere. */
  value: string
  /** Applies a search; keep it stable (`useCallback`), a new one restarts the pause. */
  onSearch: (q: string) => void
  /** Accessible name of the field. */
  label: string
  placeholder: string
  /** The pause in typing after which the text is applied. */
  debounceMs: number
  /**
   * Applies the text as typed, spaces kept, and only after the pause (the log search). Otherwise
   * the text is trimmed and Enter applies it at once.
   */
  isVerbatim?: boolean
  /** Classes of the wrapper (width, flex). */
  className?: string
}

/** A search box with a magnifier that applies what is typed after a pause in typing. */
export function SearchField({
  value,
  onSearch,
  label,
  placeholder,
  debounceMs,
  isVerbatim = false,
  className,
}: SearchFieldProps) {
  const [draft, setDraft] = useState(value)
  const [lastValue, setLastValue] = useState(value)
  // The URL changed from elsewhere (back button, "Clear filters"): follow it.
  if (value !== lastValue) {
    setLastValue(value)
    setDraft(value)
  }
  useEffect(() => {
    const next = isVerbatim ? draft : draft.trim()
    if (next === value) return
    const timer = setTimeout(() => onSearch(next), debounceMs)
    return () => clearTimeout(timer)
  }, [draft, value, onSearch, debounceMs, isVerbatim])

  return (
    <div className={cn('relative', className)}>
      <Search
        aria-hidden
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <Input
        type="search"
        aria-label={label}
        placeholder={placeholder}
        className="pl-9"
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={
          isVerbatim
            ? undefined
            : (event) => {
                if (event.key === 'Enter') onSearch(draft.trim())
              }
        }
      />
    </div>
  )
}
