import { Braces, Copy, Download, MessageSquare, Trash2 } from 'lucide-react'
import type { ReactNode } from 'react'
import { CopyButton } from '@/components/copy-button'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import { ConfirmMutationDialog } from '@/components/confirm-mutation-dialog'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { agentToFile } from '../api/agent-form'
import { useDeleteAgent, useDuplicateAgent } from '../api/mutations'
import type { Agent } from '../api/schemas'

type AgentActionsProps = {
  agent: Agent
  /** The "Chat with this agent" link (the feature knows no routes). */
  chatLink: (children: ReactNode) => ReactNode
  onDuplicated: (agent: Agent) => void
  onDeleted: () => void
}

const fileName = (a: Agent) =>
  `${(a.username ?? a.name).replace(/[^\w-]+/g, '-').toLowerCase() || 'agent'}.agent.json`

function download(agent: Agent) {
  const blob = new Blob([JSON.stringify(agentToFile(agent), null, 2)], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName(agent)
  a.click()
  URL.revokeObjectURL(url)
}

export function AgentActions({ agent, chatLink, onDuplicated, onDeleted }: AgentActionsProps) {
  const duplicate = useDuplicateAgent()
  const remove = useDeleteAgent()

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap gap-2">
        <Button asChild>
          {chatLink(
            <>
              <MessageSquare aria-hidden />
              Chat with this agent
            </>,
          )}
        </Button>
        <Button
          variant="outline"
          pending={duplicate.isPending}
          onClick={() =>
            duplicate.mutate({ id: agent.id }, { onSuccess: (copy) => onDuplicated(copy) })
          }
        >
          <Copy aria-hidden />
          Duplicate
        </Button>
        <Button variant="outline" onClick={() => download(agent)}>
          <Download aria-hidden />
          Export
        </Button>
        <Dialog>
          <DialogTrigger asChild>
            <Button variant="outline">
              <Braces aria-hidden />
              View JSON
            </Button>
          </DialogTrigger>
          <DialogContent className="max-w-2xl">
            <DialogHeader>
              <DialogTitle>{agent.name} as JSON</DialogTitle>
              <DialogDescription>
                The exported file: elizaOS character JSON. Secrets are never included.
              </DialogDescription>
            </DialogHeader>
            <div className="flex justify-end">
              {/* the whole file, as Export writes it (the view shortens an inline avatar) */}
              <CopyButton text={JSON.stringify(agentToFile(agent), null, 2)} label="Copy JSON" />
            </div>
            <pre
              aria-label="Agent JSON"
              className="max-h-[60dvh] overflow-auto rounded-md bg-muted p-3 font-mono text-xs break-words whitespace-pre-wrap"
            >
              {JSON.stringify(
                {
                  ...agentToFile(agent),
                  avatarUrl: agent.avatarUrl?.startsWith('data:')
                    ? `${agent.avatarUrl.slice(0, 40)}…`
                    : (agent.avatarUrl ?? undefined),
                },
                null,
                2,
              )}
            </pre>
          </DialogContent>
        </Dialog>
        <ConfirmMutationDialog
          trigger={
            <Button variant="outline" className="text-destructive">
              <Trash2 aria-hidden />
              Delete
            </Button>
          }
          title={`Delete ${agent.name}?`}
          description="The agent is deleted for good, with its persona and settings. Conversations with it stop working."
          confirmLabel="Delete agent"
          mutation={remove}
          onConfirm={(close) =>
            remove.mutate(agent.id, {
              onSuccess: () => {
                close()
                onDeleted()
              },
            })
          }
        />
      </div>
      {duplicate.isError ? <ErrorState error={duplicate.error} /> : null}
    </div>
  )
}
