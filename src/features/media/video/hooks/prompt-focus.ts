import { useEffect, type RefObject } from 'react'

/**
 * Cmd+K "New video" asks the studio to focus its Prompt box: at once when the page is open, or as
 * soon as it mounts after the navigation.
 */
let pending = false
const target = new EventTarget()

export function requestVideoPromptFocus(): void {
  pending = true
  target.dispatchEvent(new Event('focus'))
}

export function useVideoPromptFocus(ref: RefObject<HTMLTextAreaElement | null>): void {
  useEffect(() => {
    const focus = () => {
      if (!pending || !ref.current) return
      pending = false
      ref.current.focus()
    }
    focus()
    target.addEventListener('focus', focus)
    return () => target.removeEventListener('focus', focus)
  }, [ref])
}
