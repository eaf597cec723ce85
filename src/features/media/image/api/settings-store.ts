import { createIdbStore, createMemoryStore, type KeyValueStore } from '@/lib/storage'
import type { ReferenceImage, SavedSettings } from './schemas'

// The gallery keeps only prompt and model (docs/cloud/media.md §3); everything else a run used is saved
// here, keyed by the result's file URL (the same URL the generate response and the gallery give).
// References are saved once per run, not per image, since one can be ~10 MB.
type Stores = {
  settings: KeyValueStore<SavedSettings>
  references: KeyValueStore<ReferenceImage>
}

let stores: Stores | null = null
function getStores(): Stores {
  if (!stores) {
    const hasIdb = typeof indexedDB !== 'undefined'
    stores = {
      settings: hasIdb
        ? createIdbStore('console-media-image', 'settings')
        : createMemoryStore<SavedSettings>(),
      references: hasIdb
        ? createIdbStore('console-media-image-references', 'references')
        : createMemoryStore<ReferenceImage>(),
    }
  }
  return stores
}

/** Tests use an in-memory store. */
export function useMemoryStoresForTests(): void {
  stores = { settings: createMemoryStore(), references: createMemoryStore() }
}

export async function saveRunSettings(
  resultKeys: string[],
  settings: Omit<SavedSettings, 'referenceKey' | 'referenceName' | 'savedAt'>,
  reference: ReferenceImage | null,
): Promise<void> {
  const { settings: store, references } = getStores()
  const referenceKey = reference ? crypto.randomUUID() : null
  if (reference && referenceKey) await references.set(referenceKey, reference)
  const record: SavedSettings = {
    ...settings,
    referenceKey,
    referenceName: reference?.name ?? null,
    savedAt: Date.now(),
  }
  await Promise.all(resultKeys.map((key) => store.set(key, record)))
}

export const loadSettings = (resultKey: string) => getStores().settings.get(resultKey)
export const loadReference = (referenceKey: string) => getStores().references.get(referenceKey)

/** The reference image the form holds now, kept across reload and Back (docs/media.md §Settings kept). */
const CURRENT_REFERENCE = 'current-form'

export const saveFormReference = (reference: ReferenceImage | null) =>
  reference
    ? getStores().references.set(CURRENT_REFERENCE, reference)
    : getStores().references.delete(CURRENT_REFERENCE)

export const loadFormReference = () => getStores().references.get(CURRENT_REFERENCE)
