export const title = 'Page'
