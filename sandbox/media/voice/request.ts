// Request helpers shared by the voice routes: multipart bodies and refunds.
import type { Context } from 'hono'
import type { AuthContext } from '../../core/auth.ts'
import type { Db } from '../../core/db/client.ts'
import { bareError } from '../../core/errors.ts'
import { credit } from '../../core/ledger.ts'

export const MB = 1024 * 1024

export async function readForm(c: Context): Promise<FormData | null> {
  try {
    return await c.req.formData()
  } catch {
    return null
  }
}

/**
 * The cloud answers any body its multipart parser rejects with a 500 (docs/cloud/media.md §5.2, §5.3). A
 * body sent as multipart that does not parse (no boundary, cut parts) is refused with a 400
 * outside strict mode; a body that is not multipart at all keeps the cloud's 500.
 */
export function brokenMultipart(c: Context, strict: boolean): Response | null {
  const type = c.req.header('content-type') ?? ''
  if (strict || !/^multipart\/form-data\b/i.test(type)) return null
  return bareError(400, 'Malformed multipart body: expected multipart/form-data with a boundary')
}

export const isFile = (v: FormDataEntryValue | null): v is File =>
  typeof v === 'object' && v !== null

/** Gives `amount` back; `reservationId` names the reservation this closes, if it was one. */
export const refund = (
  db: Db,
  auth: AuthContext,
  amount: number,
  description: string,
  reservationId?: string,
) =>
  credit(db, {
    organizationId: auth.organizationId,
    userId: auth.userId,
    amount,
    type: 'refund',
    description,
    ...(reservationId === undefined ? {} : { releases: reservationId }),
  })
