/**
 * A minimal typed key-value store over IndexedDB (no wrapper library is installed). One object
 * store per database, values stored by structured clone, keys given by the caller. Each call
 * opens the database once and reuses the connection.
 */
export interface KeyValueStore<T> {
  get(key: string): Promise<T | undefined>
  set(key: string, value: T): Promise<void>
  delete(key: string): Promise<void>
  values(): Promise<T[]>
}

function promisify<R>(request: IDBRequest<R>): Promise<R> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'))
  })
}

/** Opens (and creates on first use) database `dbName` with one object store `storeName`. */
export function createIdbStore<T>(dbName: string, storeName: string): KeyValueStore<T> {
  let db: Promise<IDBDatabase> | null = null
  const open = () => {
    if (!db) {
      const request = indexedDB.open(dbName, 1)
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(storeName)) {
          request.result.createObjectStore(storeName)
        }
      }
      db = promisify(request).catch((error: unknown) => {
        db = null // a later call may succeed (e.g. after a blocked upgrade)
        throw error
      })
    }
    return db
  }
  const run = async <R>(
    mode: IDBTransactionMode,
    action: (store: IDBObjectStore) => IDBRequest<R>,
  ): Promise<R> => {
    const tx = (await open()).transaction(storeName, mode)
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'))
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
    })
    const request = action(tx.objectStore(storeName))
    // A write commits now instead of when this task ends: one made as the page goes away
    // (pagehide) is not lost with the page.
    if (mode === 'readwrite' && typeof tx.commit === 'function') tx.commit()
    const result = await promisify(request)
    if (mode === 'readwrite') await done
    else done.catch(() => undefined) // a read's result is already in hand
    return result
  }
  return {
    get: (key) => run('readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
    set: async (key, value) => {
      await run('readwrite', (s) => s.put(value, key))
    },
    delete: async (key) => {
      await run('readwrite', (s) => s.delete(key))
    },
    values: () => run('readonly', (s) => s.getAll() as IDBRequest<T[]>),
  }
}

/** A store in memory with the same contract, for tests and browsers without IndexedDB. */
export function createMemoryStore<T>(): KeyValueStore<T> {
  const map = new Map<string, T>()
  return {
    get: async (key) => structuredClone(map.get(key)),
    set: async (key, value) => {
      map.set(key, structuredClone(value))
    },
    delete: async (key) => {
      map.delete(key)
    },
    values: async () => [...map.values()].map((v) => structuredClone(v)),
  }
}
