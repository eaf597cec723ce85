import { ExternalLink, LockKeyhole } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card'
import type { ConsoleInfo } from '@/api/console-info/schemas'

type SessionOnlyKeysProps = {
  info: ConsoleInfo | undefined
  dashboardUrl: string
}

/**
 * The cloud (and the strict sandbox) refuse every key route to an API key with 401
 * `session_auth_required` (docs/api-keys.md §Session only): no list, no controls, only the way to
 * the dashboard, and what changing the console's own key there does.
 */
export function SessionOnlyKeys({ info, dashboardUrl }: SessionOnlyKeysProps) {
  const prefix = info?.consoleKey?.prefix
  const variable = info?.keyVariable
  return (
    <Card>
      <CardHeader className="flex flex-col gap-2">
        <div className="flex items-center gap-3">
          <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-muted text-muted-foreground">
            <LockKeyhole aria-hidden className="size-5" />
          </span>
          <CardTitle>Key management needs a dashboard login</CardTitle>
        </div>
        <CardDescription>
          {info?.upstream.kind === 'sandbox'
            ? 'This sandbox runs in strict mode and answers as elizaOS Cloud does: it '
            : 'elizaOS Cloud '}
          only accepts a signed-in browser session for listing, creating, renaming, disabling,
          regenerating and deleting keys. This console holds an API key, so it cannot do any of that
          here.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        <div>
          <Button asChild>
            <a href={dashboardUrl} target="_blank" rel="noreferrer">
              Manage keys in the dashboard
              <ExternalLink aria-hidden />
            </a>
          </Button>
        </div>
        <ul className="grid list-disc gap-1.5 pl-5 text-muted-foreground">
          <li>
            This console uses the key{' '}
            {prefix ? <code className="font-mono text-foreground">{prefix}…</code> : 'set for it'}
            {variable ? (
              <>
                {' '}
                (from <code className="font-mono text-foreground">{variable}</code>)
              </>
            ) : null}
            . Disabling, regenerating or deleting it in the dashboard stops the console (401 on
            every page) until you set a new key and restart the console: the cloud gives the console
            no way to get another key by itself.
          </li>
          <li>
            Permissions and rate limits set in the dashboard are stored but not enforced: every key
            has its user’s full rights.
          </li>
          <li>
            The dashboard can show a key’s secret again (the cloud stores secrets), so losing one is
            not a reason to regenerate it.
          </li>
        </ul>
      </CardContent>
    </Card>
  )
}
