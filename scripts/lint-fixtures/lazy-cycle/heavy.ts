import { title } from './page.ts'

export const render = () => `<h1>${title}</h1>`
