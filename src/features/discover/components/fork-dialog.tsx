import { GitFork } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { useDuplicateAgent } from '@/features/agents/api/mutations'

const MAX_NAME = 100

/**
 * Fork: clone a public agent into your own agents (`POST …/characters/{id}/clone`), then open it.
 * The name is editable and defaults to "<name> (Copy)", as the cloud names it.
 */
export function ForkDialog({
  agentId,
  agentName,
  onForked,
}: {
  agentId: string
  agentName: string
  onForked: (newAgentId: string) => void
}) {
  const [isOpen, setIsOpen] = useState(false)
  const [name, setName] = useState(`${agentName} (Copy)`)
  const duplicate = useDuplicateAgent()
  const trimmed = name.trim()
  const problem =
    trimmed.length === 0
      ? 'Give the copy a name.'
      : trimmed.length > MAX_NAME
        ? `At most ${MAX_NAME} characters.`
        : undefined

  async function handleSubmit(e: FormEvent) {
    e.preventDefault()
    if (problem) return
    try {
      const agent = await duplicate.mutateAsync({ id: agentId, name: trimmed })
      setIsOpen(false)
      onForked(agent.id)
    } catch {
      // Shown in the dialog, which stays open.
    }
  }

  return (
    <Dialog
      open={isOpen}
      onOpenChange={(open) => {
        setIsOpen(open)
        if (!open) duplicate.reset()
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline">
          <GitFork aria-hidden />
          Fork
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-md">
        <form onSubmit={(e) => void handleSubmit(e)} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Fork {agentName}</DialogTitle>
            <DialogDescription>
              A private copy of its persona (bio, system prompt, style, examples) becomes one of
              your agents. The original and its owner are not affected.
            </DialogDescription>
          </DialogHeader>
          <Field label="Name of your copy" error={problem}>
            <Input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={MAX_NAME + 20}
            />
          </Field>
          {duplicate.error ? <ErrorState error={duplicate.error} /> : null}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setIsOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={Boolean(problem)} pending={duplicate.isPending}>
              Fork agent
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
