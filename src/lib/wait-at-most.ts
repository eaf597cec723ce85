/**
 * Resolves when `work` settles or after `ms`, whichever comes first; never rejects. For data a
 * loader would like before the first paint (so nothing resizes after it) but must not hold the
 * page for: past `ms` the page paints with its placeholders.
 */
export function waitAtMost(ms: number, work: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    void work.then(
      () => {
        clearTimeout(timer)
        resolve()
      },
      () => {
        clearTimeout(timer)
        resolve()
      },
    )
  })
}
