import { title } from './leaf.ts'

export const loadHeavy = () => import('./heavy.ts')
export const heading = title
