import { History } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { readDraft } from '@/lib/use-draft'
import { emptyDeployForm, fromDraft, redeployForm, type DeployFormValues } from '../api/deploy-form'
import type { ContainerDetail } from '../api/detail-schemas'
import { DeployForm } from './deploy-form'

const DRAFT_PREFIX = 'eliza-console:containers:deploy-draft'

const draftKeyFor = (from: ContainerDetail | null) =>
  from ? `${DRAFT_PREFIX}:redeploy:${from.id}` : `${DRAFT_PREFIX}:new`

/** A redeploy's draft keeps the deployed values of the variables it still names. */
function withBaseValues(values: DeployFormValues, base: Record<string, string>): DeployFormValues {
  return { ...values, env: values.env.map((e) => ({ key: e.key, value: base[e.key] ?? '' })) }
}

type DeployPageProps = {
  /** Redeploy: the container to start from (same project name). */
  from: ContainerDetail | null
  backLink: ReactNode
  onDeployed: (containerId: string) => void
  onUnsavedChange: (hasUnsaved: boolean) => void
}

/** `/containers/new`, and Redeploy (`?from=<id>`): the form, started from a draft when one exists. */
export function DeployPage({ from, backLink, onDeployed, onUnsavedChange }: DeployPageProps) {
  const draftKey = draftKeyFor(from)
  const base = from?.env ?? {}
  const [start, setStart] = useState(() => {
    const draft = fromDraft(readDraft(draftKey))
    if (draft) return { values: withBaseValues(draft, base), isDraft: true, version: 0 }
    return { values: from ? redeployForm(from) : emptyDeployForm(), isDraft: false, version: 0 }
  })

  const handleDiscard = () => {
    localStorage.removeItem(draftKey)
    setStart((s) => ({
      values: from ? redeployForm(from) : emptyDeployForm(),
      isDraft: false,
      version: s.version + 1,
    }))
  }

  return (
    <div className="grid gap-6">
      <div className="grid gap-1">
        {backLink}
        <h1 className="text-2xl font-semibold tracking-tight">
          {from ? `Redeploy ${from.name}` : 'Deploy a container'}
        </h1>
        <p className="text-sm text-muted-foreground">
          {from
            ? 'Same project name, so the cloud updates this container in place: a new image, size or variables. The fee is charged again.'
            : 'A Docker image from your ECR repository, run on elizaOS Cloud with a public URL.'}
        </p>
      </div>
      {start.isDraft ? (
        <Alert variant="info">
          <History aria-hidden />
          <AlertTitle>Your draft was restored</AlertTitle>
          <AlertDescription>
            <p>
              Everything but the variables’ values, which are not stored.{' '}
              <Button variant="link" className="h-auto p-0 text-sm" onClick={handleDiscard}>
                {from ? 'Start from the deployed settings' : 'Start over'}
              </Button>
            </p>
          </AlertDescription>
        </Alert>
      ) : null}
      <DeployForm
        key={start.version}
        defaultValues={start.values}
        draftKey={draftKey}
        baseEnv={base}
        onDeployed={onDeployed}
        onUnsavedChange={onUnsavedChange}
      />
    </div>
  )
}
