/**
 * Runs `task` when the main thread is next idle (at the latest after `timeoutMs`), so work that
 * the page does not need for its first paint (a chunk for later, a warm-up) does not compete with
 * it for the network or the CPU. Returns a function that cancels it.
 */
export function whenIdle(task: () => void, timeoutMs = 5000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(task, { timeout: timeoutMs })
    return () => window.cancelIdleCallback(id)
  }
  const timer = window.setTimeout(task, Math.min(timeoutMs, 1500))
  return () => window.clearTimeout(timer)
}
