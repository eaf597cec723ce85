// A split for the bundle: the heavy part is loaded on demand, and imports the page back.
export const title = 'Page'
export const loadHeavy = () => import('./heavy.ts')
