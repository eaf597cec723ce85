import { cloneElement, isValidElement, type ReactNode, type Ref } from 'react'

type SlotProps = Record<string, unknown> & { children?: ReactNode; ref?: Ref<HTMLElement> }

/**
 * Renders its only child with the slot's props merged in: the `asChild` of Button and Badge.
 * Radix's Slot does the same and stays in use inside the Radix parts; this small one keeps it
 * off the first page. Like Radix: the child's props win, except that handlers of both run (the
 * child's first), class names are joined (the child's last), styles merged and refs composed.
 */
export function Slot({ children, ref, ...slotProps }: SlotProps) {
  if (!isValidElement<Record<string, unknown>>(children)) return null
  const childProps = children.props
  const merged: Record<string, unknown> = { ...slotProps, ...childProps }
  for (const key of Object.keys(slotProps)) {
    const slotValue = slotProps[key]
    const childValue = childProps[key]
    if (slotValue === undefined || childValue === undefined) continue
    if (
      /^on[A-Z]/.test(key) &&
      typeof slotValue === 'function' &&
      typeof childValue === 'function'
    ) {
      merged[key] = (...args: unknown[]) => {
        const result: unknown = childValue(...args)
        slotValue(...args)
        return result
      }
    } else if (key === 'style') {
      merged.style = { ...(slotValue as object), ...(childValue as object) }
    } else if (key === 'className') {
      merged.className = `${String(slotValue)} ${String(childValue)}`
    }
  }
  const childRef = childProps.ref as Ref<unknown> | undefined
  if (ref && childRef) merged.ref = composeRefs(ref, childRef)
  else if (ref) merged.ref = ref
  return cloneElement(children, merged)
}

function composeRefs(...refs: Ref<unknown>[]) {
  return (node: unknown) => {
    const cleanups = refs.map((ref) => {
      if (typeof ref === 'function') return ref(node)
      if (ref) ref.current = node
      return undefined
    })
    return () => {
      refs.forEach((ref, i) => {
        const cleanup = cleanups[i]
        if (typeof cleanup === 'function') cleanup()
        else if (typeof ref === 'function') ref(null)
        else if (ref) ref.current = null
      })
    }
  }
}
