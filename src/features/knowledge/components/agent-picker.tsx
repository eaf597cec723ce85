import { useId } from 'react'
import { NativeSelect } from '@/components/ui/native-select'

export type PickerAgent = { id: string; name: string }

type AgentPickerProps = {
  agents: readonly PickerAgent[]
  value: string
  onChange: (agentId: string) => void
  /** More agents exist than the picker lists. */
  hasMore: boolean
}

/** Knowledge belongs to one agent (docs/knowledge.md §Scoping): which one this page shows. */
export function AgentPicker({ agents, value, onChange, hasMore }: AgentPickerProps) {
  const id = useId()
  const isListed = agents.some((a) => a.id === value)
  return (
    <div className="grid w-full gap-1.5 sm:w-auto">
      <label htmlFor={id} className="text-sm leading-5 font-medium">
        Agent
      </label>
      <NativeSelect
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={hasMore ? `${id}-more` : undefined}
        className="w-full sm:w-72"
      >
        {isListed ? null : <option value={value}>Agent {value.slice(0, 8)}…</option>}
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </NativeSelect>
      {hasMore ? (
        <p id={`${id}-more`} className="text-xs text-muted-foreground">
          The first {agents.length} agents by name. Any other agent’s knowledge is on its own page,
          under Knowledge.
        </p>
      ) : null}
    </div>
  )
}
