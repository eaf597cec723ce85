// Container prices and quotas, all USD (docs/cloud/containers.md § Billing, §12 Quota).

const round2 = (n: number) => Math.round(n * 100) / 100

export interface Sizing {
  cpu: number
  memory: number
  desired_count: number
}

/**
 * Deployment fee, charged on every create and redeploy:
 * 0.50 + 0.05 × (count − 1) + round2(2 × (cpu/256 − 1)) + round2(1 × (memory/512 − 1)),
 * the cpu/memory terms only above 256 / 512. Defaults (1792/1792/1) → $15.00.
 */
export function deploymentFee({ cpu, memory, desired_count }: Sizing): number {
  let fee = 0.5 + 0.05 * (desired_count - 1)
  if (cpu > 256) fee += round2(2 * (cpu / 256 - 1))
  if (memory > 512) fee += round2(1 * (memory / 512 - 1))
  return round2(fee)
}

/** Daily running charge: 0.67 × count, × cpu/1024 above 1024, × √(memory/2048) above 2048. */
export function dailyCost({ cpu, memory, desired_count }: Sizing): number {
  let cost = 0.67 * desired_count
  if (cpu > 1024) cost *= cpu / 1024
  if (memory > 2048) cost *= Math.sqrt(memory / 2048)
  return round2(cost)
}

export const DEFAULT_SIZING: Sizing = { cpu: 1792, memory: 1792, desired_count: 1 }
export const DEFAULT_DEPLOYMENT_FEE = deploymentFee(DEFAULT_SIZING)
export const DEFAULT_DAILY_COST = dailyCost(DEFAULT_SIZING)

/** Containers per organization by current balance: < $1 → 1, ≥ $1 → 5, ≥ $10 → 25, ≥ $100 → 100. */
export function quotaFor(balance: number): number {
  if (balance >= 100) return 100
  if (balance >= 10) return 25
  if (balance >= 1) return 5
  return 1
}

/**
 * Delete refund for a container that was running: < 2 h after creation 75 %, < 24 h 50 % of
 * the deployment fee, rounded down to whole dollars (docs/cloud/containers.md §6).
 */
export function deleteRefund(fee: number, ageMs: number): number {
  const HOUR = 3_600_000
  const share = ageMs < 2 * HOUR ? 0.75 : ageMs < 24 * HOUR ? 0.5 : 0
  return Math.floor(fee * share)
}

export const PRICING = {
  imageUpload: 0.25,
  deployment: DEFAULT_DEPLOYMENT_FEE,
  totalForNewContainer: round2(0.25 + DEFAULT_DEPLOYMENT_FEE),
  perDay: DEFAULT_DAILY_COST,
  perMonth: 20,
  perAdditionalInstance: 0.05,
}

export const LIMITS = {
  maxImageSize: 2_147_483_648,
  maxInstancesPerContainer: 10,
  maxEnvVars: 50,
}

/** Low-balance policy (docs/cloud/containers.md § Billing). */
export const WARNING_THRESHOLD = 2
export const SHUTDOWN_WARNING_HOURS = 48
