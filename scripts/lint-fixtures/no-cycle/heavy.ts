import { title } from './leaf.ts'

export const render = () => `<h1>${title}</h1>`
