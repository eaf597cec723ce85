import { Eye, EyeOff, KeyRound } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { CopyButton } from '@/components/copy-button'
import { EmptyState } from '@/components/empty-state'
import { Button } from '@/components/ui/button'

const MASK = '••••••••'

/**
 * The container's environment variables: names shown, values masked, revealed one at a time
 * (the cloud returns them in clear text, docs/containers.md). A hidden value is not in the page
 * at all; the values live only in the react-query cache of this page.
 */
export function EnvPanel({
  env,
  redeployLink,
}: {
  env: Record<string, string>
  redeployLink: ReactNode
}) {
  const [revealed, setRevealed] = useState<string | null>(null)
  const names = Object.keys(env).sort((a, b) => a.localeCompare(b))
  if (names.length === 0) {
    return (
      <EmptyState
        icon={KeyRound}
        title="No environment variables"
        description="Variables are set when deploying; redeploy to add some."
        action={redeployLink}
      />
    )
  }
  return (
    <div className="grid gap-3">
      <p className="text-sm text-muted-foreground">
        {names.length} variable{names.length === 1 ? '' : 's'}. Values are hidden; reveal one at a
        time. To change them, redeploy with the same project name.
      </p>
      <ul
        aria-label="Environment variables"
        className="divide-y divide-border rounded-lg border border-border"
      >
        {names.map((name) => {
          const isShown = revealed === name
          const value = env[name] ?? ''
          return (
            <li
              key={name}
              className="grid gap-2 px-3 py-2.5 sm:grid-cols-[minmax(0,14rem)_1fr_auto] sm:items-center"
            >
              <span className="truncate font-mono text-sm font-medium" title={name}>
                {name}
              </span>
              <span
                className={
                  isShown
                    ? 'min-w-0 font-mono text-sm break-all text-foreground'
                    : 'min-w-0 font-mono text-sm text-muted-foreground'
                }
                aria-label={isShown ? `Value of ${name}` : `Value of ${name}, hidden`}
              >
                {isShown ? value || '(empty)' : MASK}
              </span>
              <div className="flex items-center gap-1">
                <Button
                  size="sm"
                  variant="ghost"
                  aria-pressed={isShown}
                  onClick={() => setRevealed(isShown ? null : name)}
                >
                  {isShown ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
                  {isShown ? 'Hide' : 'Reveal'}
                  <span className="sr-only"> {name}</span>
                </Button>
                <CopyButton text={value} label={`Copy value of ${name}`} compact />
              </div>
            </li>
          )
        })}
      </ul>
      <div className="text-sm">{redeployLink}</div>
    </div>
  )
}
