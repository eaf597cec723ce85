import { BookOpen, X } from 'lucide-react'
import { useMemo } from 'react'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import { toApiError, useStagedFiles, type StagedEntry } from '../hooks/staged-files'
import { FileDropZone } from './file-drop-zone'
import { UploadLog, type LogRow } from './upload-log'

const toRow = (e: StagedEntry): LogRow => ({
  key: e.key,
  name: e.name,
  size: e.size,
  // A removal the cloud refused leaves the file attached (the error is shown below the list).
  state: e.state === 'staged' || (e.state === 'removing' && e.error) ? 'added' : e.state,
  reason: e.state === 'failed' || e.state === 'refused' ? e.reason : undefined,
})

/**
 * Knowledge for an agent that does not exist yet: files are stored on the cloud as they are
 * attached (pre-upload) and added to the agent when it is created (submit). They survive a
 * reload of the page; Remove deletes one from the cloud.
 */
export function StagedKnowledgeField() {
  const { entries, addFiles, remove, clearProblems } = useStagedFiles()
  const rows = useMemo(() => entries.map(toRow), [entries])
  const removeError = entries.find(
    (e): e is StagedEntry & { state: 'removing' } => e.state === 'removing' && !!e.error,
  )?.error
  const hasProblems = entries.some((e) => e.state === 'failed' || e.state === 'refused')

  return (
    <Card aria-labelledby="staged-knowledge-title">
      <CardHeader>
        <div className="grid gap-1">
          <CardTitle id="staged-knowledge-title">
            <BookOpen aria-hidden />
            Knowledge files
          </CardTitle>
          <CardDescription>
            Documents the agent answers from. They are stored when attached and added to the agent
            when it is created.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="grid gap-4">
        <FileDropZone onFiles={(files) => void addFiles(files)} />
        <UploadLog
          title="Attached files"
          rows={rows}
          doneLabel="Attached"
          requestError={null}
          onClear={hasProblems ? clearProblems : undefined}
          rowAction={(row) =>
            row.state === 'uploading' ? null : (
              <Button
                variant="ghost"
                size="icon-sm"
                label={`Remove ${row.name}`}
                pending={row.state === 'removing'}
                onClick={() => void remove(row.key)}
              >
                <X aria-hidden />
              </Button>
            )
          }
        />
        {removeError ? <ErrorState error={toApiError(removeError)} /> : null}
      </CardContent>
    </Card>
  )
}
