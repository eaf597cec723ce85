import { Loader2 } from 'lucide-react'
import { Badge } from '@/components/ui/badge'
import { isMovingStatus } from '../api/schemas'

type Tone = 'success' | 'warning' | 'destructive' | 'secondary' | 'info'

const TONE: Record<string, Tone> = {
  running: 'success',
  pending: 'info',
  building: 'info',
  deploying: 'info',
  deleting: 'warning',
  failed: 'destructive',
  stopped: 'secondary',
  deleted: 'secondary',
}

const LABEL: Record<string, string> = {
  pending: 'Pending',
  building: 'Building',
  deploying: 'Deploying',
  running: 'Running',
  failed: 'Failed',
  deleting: 'Deleting',
  stopped: 'Stopped',
  deleted: 'Deleted',
}

/** "Running", "Deploying"…; a status the console does not know is shown as the cloud wrote it. */
export const statusLabel = (status: string) => LABEL[status] ?? status

/** A container's status; a spinner while it moves on by itself. */
export function ContainerStatusBadge({ status }: { status: string }) {
  return (
    <Badge variant={TONE[status] ?? 'secondary'}>
      {isMovingStatus(status) ? <Loader2 aria-hidden className="animate-spin" /> : null}
      {statusLabel(status)}
    </Badge>
  )
}

/** `1792 units · 1.75 vCPU` (1024 units = 1 vCPU). */
export function formatCpu(units: number | null): string {
  if (units === null) return '—'
  const vcpu = Math.round((units / 1024) * 100) / 100
  return `${vcpu} vCPU`
}

export function formatMemory(mb: number | null): string {
  if (mb === null) return '—'
  return mb >= 1024 && mb % 1024 === 0 ? `${mb / 1024} GB` : `${mb.toLocaleString('en-US')} MB`
}
