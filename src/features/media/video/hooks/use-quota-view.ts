import { quotaView, useVideoQuota, type QuotaView } from '../api/quota'
import { useNow } from './use-now'

/** The quota as of now, ticking each second while a wait or a window end lies ahead. */
export function useQuotaView(): QuotaView {
  const snapshot = useVideoQuota()
  const pendingUntil = Math.max(snapshot.resetAt ?? 0, snapshot.blockedUntil ?? 0)
  const now = useNow(pendingUntil > 0)
  return quotaView(snapshot, now)
}

/** "4:05" for a wait of 4 min 5 s (rounded up, so it never shows 0:00 while still waiting). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const minutes = Math.floor(total / 60)
  const seconds = total % 60
  return `${minutes}:${String(seconds).padStart(2, '0')}`
}
