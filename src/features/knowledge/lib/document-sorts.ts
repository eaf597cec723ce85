// The documents' sort orders, alone in a module: route search validation imports it, and route
// options are in the first page's JS (src/lib/search-params.ts).
export const DOCUMENT_SORTS = ['newest', 'oldest', 'name', 'size'] as const
export type DocumentSort = (typeof DOCUMENT_SORTS)[number]
