import { useQuery } from '@tanstack/react-query'
import { ExternalLink, Info } from 'lucide-react'
import { DASHBOARD_URL } from '@/components/nav-items'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { isApiError } from '@/lib/api-error'

/**
 * Whether the upstream can edit agents with an API key. Only the sandbox's named extension can
 * (docs/cloud/agents.md "Updating a character"); the real cloud and the strict sandbox cannot.
 */
export function useCanEditAgents(): boolean | undefined {
  const info = useQuery(consoleInfoQuery())
  if (!info.data) return undefined
  return info.data.upstream.kind === 'sandbox' && info.data.upstream.strict !== true
}

/** The PATCH answered the strict/real cloud's empty 405: the route does not exist there. */
export const isEditUnsupported = (error: unknown) => isApiError(error) && error.status === 405

export function EditInDashboardNotice({ what }: { what: string }) {
  return (
    <Alert variant="info">
      <Info aria-hidden />
      <AlertTitle>Editing needs the dashboard</AlertTitle>
      <AlertDescription>
        <p>
          The elizaOS Cloud API offers no way to edit {what} with an API key; the dashboard does it
          with your signed-in session.{' '}
          <a
            href={DASHBOARD_URL}
            target="_blank"
            rel="noreferrer"
            className="inline-flex items-center gap-1 font-medium text-primary underline-offset-4 hover:underline"
          >
            Open the dashboard
            <ExternalLink aria-hidden className="size-3" />
          </a>
        </p>
      </AlertDescription>
    </Alert>
  )
}
