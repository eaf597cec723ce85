import { createHash, randomBytes } from 'node:crypto'

// Real keys are `eliza_` + 64 lowercase hex; the DB keeps only the SHA-256 and the first
// 12 characters as a display prefix (docs/cloud/auth-errors-limits.md §6).
const KEY_FORMAT = /^eliza_[0-9a-f]{64}$/

export const isApiKeyFormat = (key: string) => KEY_FORMAT.test(key)
export const generateApiKey = () => `eliza_${randomBytes(32).toString('hex')}`
export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex')
export const keyPrefix = (key: string) => key.slice(0, 12)
