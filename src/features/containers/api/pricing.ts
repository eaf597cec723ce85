// Container prices, all USD (docs/containers.md §Billing). The cloud charges these; the console
// only shows them before Deploy and Delete, so the formulas are mirrored here.

const round2 = (n: number) => Math.round(n * 100) / 100

export interface Sizing {
  cpu: number
  memory: number
  instances: number
}

/**
 * The deployment fee, charged on every create and every redeploy (docs/containers.md §Billing):
 * 0.50 + 0.05 × (instances − 1) + round2(2 × (cpu/256 − 1)) + round2(memory/512 − 1), the cpu
 * term only above 256 units and the memory term only above 512 MB.
 */
export function deploymentFee({ cpu, memory, instances }: Sizing): number {
  let fee = 0.5 + 0.05 * (instances - 1)
  if (cpu > 256) fee += round2(2 * (cpu / 256 - 1))
  if (memory > 512) fee += round2(memory / 512 - 1)
  return round2(fee)
}

/**
 * The daily charge while running (00:00 UTC): 0.67 × instances, × cpu/1024 above 1024 units,
 * × √(memory/2048) above 2048 MB, to the cent (docs/containers.md §Billing).
 */
export function dailyCost({ cpu, memory, instances }: Sizing): number {
  let cost = 0.67 * instances
  if (cpu > 1024) cost *= cpu / 1024
  if (memory > 2048) cost *= Math.sqrt(memory / 2048)
  return round2(cost)
}

const HOUR_MS = 3_600_000

/** The share of the fee a delete gives back: only if running, 75 % < 2 h, 50 % < 24 h after creation. */
export function refundShare(status: string, ageMs: number): number {
  if (status !== 'running') return 0
  if (ageMs < 2 * HOUR_MS) return 0.75
  if (ageMs < 24 * HOUR_MS) return 0.5
  return 0
}

/** The delete refund in whole dollars, rounded down (docs/containers.md §Delete). */
export function deleteRefund(fee: number, status: string, ageMs: number): number {
  return Math.floor(fee * refundShare(status, ageMs))
}

/** When the refund drops next (2 h or 24 h after creation), or null when nothing is left to lose. */
export function nextRefundStep(status: string, ageMs: number): number | null {
  if (status !== 'running') return null
  if (ageMs < 2 * HOUR_MS) return 2 * HOUR_MS - ageMs
  if (ageMs < 24 * HOUR_MS) return 24 * HOUR_MS - ageMs
  return null
}
