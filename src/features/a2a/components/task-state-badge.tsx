import { Badge } from '@/components/ui/badge'
import type { TaskState } from '../api/schemas'

const VARIANT: Record<TaskState, 'success' | 'warning' | 'destructive' | 'info' | 'secondary'> = {
  completed: 'success',
  working: 'info',
  submitted: 'info',
  'input-required': 'warning',
  'auth-required': 'warning',
  canceled: 'secondary',
  failed: 'destructive',
  rejected: 'destructive',
}

export function TaskStateBadge({ state }: { state: TaskState }) {
  return <Badge variant={VARIANT[state]}>{state}</Badge>
}
