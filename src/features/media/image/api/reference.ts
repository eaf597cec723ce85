import { formatBytes } from '@/lib/format'
import { maxReferenceBytes, REFERENCE_TYPES } from './constants'
import type { ReferenceImage } from './schemas'

/**
 * Checks a reference file against the cloud's `sourceImage` limit (docs/cloud/media.md §1: a base64 data URL
 * of ≤ 14,000,000 characters) before anything is read or sent. Returns the problem, or null.
 */
export function checkReferenceFile(file: { name: string; type: string; size: number }) {
  if (!(REFERENCE_TYPES as readonly string[]).includes(file.type)) {
    return `“${file.name}” is not a PNG, JPEG, WebP or GIF image.`
  }
  if (file.size === 0) return `“${file.name}” is empty.`
  const max = maxReferenceBytes(file.type)
  if (file.size > max) {
    return `“${file.name}” is ${formatBytes(file.size)}; the cloud takes reference images up to ${formatBytes(max)}.`
  }
  return null
}

/** Reads a checked file as the data URL the cloud takes. */
export function readReference(file: File): Promise<ReferenceImage> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () =>
      resolve({ name: file.name, type: file.type, size: file.size, dataUrl: String(reader.result) })
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'))
    reader.readAsDataURL(file)
  })
}
