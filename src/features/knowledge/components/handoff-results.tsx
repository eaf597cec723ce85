import { Paperclip } from 'lucide-react'
import { useMemo } from 'react'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { toApiError, useAgentHandoff } from '../hooks/staged-files'
import { UploadLog, type LogRow } from './upload-log'

/**
 * The files attached on the create page and submitted when the agent was saved: each one's
 * result. Files that failed are still staged on the cloud, so they can be sent again or removed.
 */
export function HandoffResults({ agentId }: { agentId: string }) {
  const { handoff, retry, discard, dismiss } = useAgentHandoff(agentId)
  const rows = useMemo<LogRow[]>(
    () =>
      (handoff?.entries ?? []).map((e) => ({
        key: e.key,
        name: e.name,
        size: e.size,
        state: e.state === 'pending' ? 'uploading' : e.state,
        reason: e.state === 'failed' ? e.reason : undefined,
        fragmentCount: e.state === 'added' ? e.fragmentCount : undefined,
      })),
    [handoff],
  )
  const storedError = handoff?.error ?? null
  // A new ApiError only when the stored one changes (the countdown restarts per error object).
  const requestError = useMemo(() => (storedError ? toApiError(storedError) : null), [storedError])
  if (!handoff) return null
  const isBusy = handoff.status === 'submitting'
  const stillStaged = handoff.entries.some((e) => e.state !== 'added' && e.file !== null)
  const retryable = handoff.entries.some((e) => e.state === 'failed' && e.file !== null)

  return (
    <Card aria-labelledby={`handoff-${agentId}`}>
      <CardHeader>
        <div className="grid gap-1">
          <CardTitle id={`handoff-${agentId}`}>
            <Paperclip aria-hidden />
            Files attached when the agent was created
          </CardTitle>
          <CardDescription>
            {isBusy
              ? 'Adding them to the agent…'
              : stillStaged
                ? 'Some were not added. They are still stored on the cloud: send them again, or remove them.'
                : 'Each file’s result.'}
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="grid gap-3">
        <UploadLog
          title="Attached files"
          rows={rows}
          doneLabel="Added"
          busyLabel="Adding to the agent…"
          requestError={requestError}
          onRetry={retryable && !isBusy ? () => void retry() : undefined}
        />
        {!isBusy ? (
          <div className="flex flex-wrap gap-2">
            {retryable && !requestError ? (
              <Button variant="outline" size="sm" onClick={() => void retry()}>
                Send the failed files again
              </Button>
            ) : null}
            {stillStaged ? (
              <Button variant="outline" size="sm" onClick={() => void discard()}>
                Remove the files not added
              </Button>
            ) : (
              <Button variant="ghost" size="sm" onClick={dismiss}>
                Dismiss
              </Button>
            )}
          </div>
        ) : null}
      </CardContent>
    </Card>
  )
}
