import { Check, Copy, Eye, EyeOff, KeyRound } from 'lucide-react'
import { useState } from 'react'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { useKeyVariable } from '@/api/console-info/queries'
import { CLOUD_ORIGIN, shellQuote } from '@/lib/code-samples'
import { cn } from '@/lib/cn'
import { useCopy } from '@/lib/use-copy'
import type { EcrCredentials } from '../api/detail-schemas'
import { useEcrCredentials } from '../api/mutations'

const MASK = '••••••••••••'

/** The push commands; the token is masked unless `reveal`, the key always a variable. */
export function pushCommands(
  creds: EcrCredentials,
  request: { projectId: string; version: string },
  localImage: string,
  keyVariable: string,
  reveal: boolean,
): string {
  const host = creds.registryEndpoint.replace(/^https?:\/\//, '')
  const token = reveal ? creds.authToken : MASK
  return [
    '# 1. Credentials for this push (the console just made this request for you):',
    `curl -s -X POST ${CLOUD_ORIGIN}/api/v1/containers/credentials \\`,
    `  -H "X-API-Key: $${keyVariable}" -H "Content-Type: application/json" \\`,
    `  -d ${shellQuote(JSON.stringify(request))}`,
    '',
    `# 2. Log in to the registry with the token it returned (valid until ${new Date(creds.authTokenExpiresAt).toLocaleString()}):`,
    `echo ${shellQuote(token)} | base64 -d | cut -d: -f2 | docker login --username AWS --password-stdin ${host}`,
    '',
    '# 3. Tag and push your image:',
    `docker tag ${localImage} ${creds.ecrImageUri}`,
    `docker push ${creds.ecrImageUri}`,
  ].join('\n')
}

type EcrHelperProps = {
  projectName: string
  onUseImage: (imageUri: string) => void
}

/**
 * "ECR credentials": a repository for the project and a temporary push token
 * (`POST /api/v1/containers/credentials {projectId, version}`), with the docker commands to push,
 * the key written as the proxy's variable and the token masked (reveal, copy). "Use this image"
 * fills the form's Image.
 */
export function EcrHelper({ projectName, onUseImage }: EcrHelperProps) {
  const [isOpen, setIsOpen] = useState(false)
  const [projectId, setProjectId] = useState('')
  const [version, setVersion] = useState('1.0.0')
  const [localImage, setLocalImage] = useState('')
  const [isRevealed, setRevealed] = useState(false)
  const credentials = useEcrCredentials()
  const keyVariable = useKeyVariable()
  const { isCopied, copy } = useCopy()
  const token = useCopy()
  const creds = credentials.data
  const request = credentials.variables ?? { projectId, version }
  const project = projectId || projectName

  const handleOpen = (open: boolean) => {
    setIsOpen(open)
    if (open) {
      setProjectId((p) => p || projectName)
      setRevealed(false)
    }
  }

  return (
    <Dialog open={isOpen} onOpenChange={handleOpen}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm">
          <KeyRound aria-hidden />
          ECR credentials
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        <DialogHeader>
          <DialogTitle>ECR credentials</DialogTitle>
          <DialogDescription>
            A private repository for the project and a temporary token to push your image to it.
            Then deploy the pushed image.
          </DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-3 sm:grid-cols-[1fr_8rem_auto] sm:items-end"
          onSubmit={(e) => {
            e.preventDefault()
            if (!project.trim() || !version.trim()) return
            credentials.mutate({ projectId: project.trim(), version: version.trim() })
          }}
        >
          <Field label="Project" description="Names the repository.">
            <Input
              value={project}
              onChange={(e) => setProjectId(e.target.value)}
              spellCheck={false}
              autoComplete="off"
            />
          </Field>
          <Field label="Version" description="Starts the tag.">
            <Input
              value={version}
              onChange={(e) => setVersion(e.target.value)}
              autoComplete="off"
            />
          </Field>
          <Button
            type="submit"
            pending={credentials.isPending}
            disabled={!project.trim() || !version.trim()}
            className="sm:mb-5"
          >
            Get credentials
          </Button>
        </form>
        {credentials.isError ? (
          <ErrorState
            error={credentials.error}
            onRetry={() => credentials.mutate(request)}
            isRetrying={credentials.isPending}
          />
        ) : null}
        {creds ? (
          <div className="grid gap-3">
            <dl className="grid gap-2 text-sm">
              <div className="grid gap-0.5">
                <dt className="text-xs text-muted-foreground">Image to push</dt>
                <dd className="flex flex-wrap items-center gap-2">
                  <code className="min-w-0 font-mono text-xs break-all">{creds.ecrImageUri}</code>
                  <Button
                    size="sm"
                    onClick={() => {
                      onUseImage(creds.ecrImageUri)
                      setIsOpen(false)
                    }}
                  >
                    Use this image
                  </Button>
                </dd>
              </div>
              <div className="grid gap-0.5">
                <dt className="text-xs text-muted-foreground">
                  Token · expires {new Date(creds.authTokenExpiresAt).toLocaleString()}
                </dt>
                <dd className="flex flex-wrap items-center gap-1">
                  <code
                    className={cn(
                      'min-w-0 flex-1 font-mono text-xs',
                      isRevealed ? 'break-all' : 'whitespace-nowrap',
                    )}
                    aria-label={isRevealed ? 'Token' : 'Token, hidden'}
                  >
                    {isRevealed ? creds.authToken : MASK}
                  </code>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-pressed={isRevealed}
                    onClick={() => setRevealed((r) => !r)}
                  >
                    {isRevealed ? <EyeOff aria-hidden /> : <Eye aria-hidden />}
                    {isRevealed ? 'Hide token' : 'Reveal token'}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => void token.copy(creds.authToken)}
                  >
                    {token.isCopied ? <Check aria-hidden /> : <Copy aria-hidden />}
                    {token.isCopied ? 'Copied' : 'Copy token'}
                  </Button>
                </dd>
              </div>
            </dl>
            <Field label="Local image" description="The image you built, as docker knows it.">
              <Input
                value={localImage || `${project.toLowerCase()}:latest`}
                onChange={(e) => setLocalImage(e.target.value)}
                spellCheck={false}
                autoComplete="off"
              />
            </Field>
            {keyVariable === null ? (
              <p className="text-sm text-muted-foreground">
                Waiting for the local proxy to say which variable holds the key…
              </p>
            ) : (
              <div className="grid gap-2">
                <div className="flex items-center justify-between gap-2">
                  <p className="text-sm font-medium">Push commands</p>
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() =>
                      void copy(
                        pushCommands(
                          creds,
                          request,
                          localImage || `${project.toLowerCase()}:latest`,
                          keyVariable,
                          true,
                        ),
                      )
                    }
                  >
                    {isCopied ? <Check aria-hidden /> : <Copy aria-hidden />}
                    {isCopied ? 'Copied' : 'Copy commands'}
                  </Button>
                </div>
                <pre
                  aria-label="Push commands"
                  className="max-h-72 overflow-auto rounded-md border bg-muted/60 p-3 font-mono text-xs leading-relaxed wrap-anywhere whitespace-pre-wrap"
                >
                  {pushCommands(
                    creds,
                    request,
                    localImage || `${project.toLowerCase()}:latest`,
                    keyVariable,
                    isRevealed,
                  )}
                </pre>
                <p className="text-xs text-muted-foreground">
                  The key is written as <code>${keyVariable}</code>; set it in your shell. Copy
                  commands includes the token, even while it is hidden here.
                </p>
              </div>
            )}
          </div>
        ) : null}
      </DialogContent>
    </Dialog>
  )
}
