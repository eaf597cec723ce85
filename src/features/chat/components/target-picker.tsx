import { NativeSelect } from '@/components/ui/native-select'
import { formatNumber, formatUsd } from '@/lib/format'
import type { ChatTarget } from '../api/conversations'
import type { ChatModel } from '../api/schemas'
import { perMillion } from '../hooks/pricing'

export type AgentOption = { id: string; name: string }

const AGENT_PREFIX = 'agent:'
const MODEL_PREFIX = 'model:'

export function targetValue(target: ChatTarget): string {
  return target.kind === 'model' ? MODEL_PREFIX + target.modelId : AGENT_PREFIX + target.agentId
}

/** "128K context · $0.15 in / $0.60 out per 1M tokens" (catalog prices, before the 1.2 markup). */
export function modelFacts(model: ChatModel): string {
  const parts: string[] = []
  if (model.contextWindow !== null)
    parts.push(`${formatNumber(model.contextWindow, { compact: true })} context`)
  const input = perMillion(model.inputPerToken)
  const output = perMillion(model.outputPerToken)
  if (input !== null)
    parts.push(
      `${formatUsd(input)} in${output !== null ? ` / ${formatUsd(output)} out` : ''} per 1M tokens`,
    )
  return parts.join(' · ')
}

type TargetPickerProps = {
  target: ChatTarget
  models: readonly ChatModel[]
  agents: readonly AgentOption[]
  isDisabled?: boolean
  onChange: (target: ChatTarget) => void
}

/** A catalog model or one of my agents; the options carry the model facts. */
export function TargetPicker({ target, models, agents, isDisabled, onChange }: TargetPickerProps) {
  const value = targetValue(target)
  const hasCurrentAgent = target.kind !== 'agent' || agents.some((a) => a.id === target.agentId)
  const hasCurrentModel = target.kind !== 'model' || models.some((m) => m.id === target.modelId)
  const handleChange = (next: string) => {
    if (next.startsWith(MODEL_PREFIX))
      onChange({ kind: 'model', modelId: next.slice(MODEL_PREFIX.length) })
    else {
      const id = next.slice(AGENT_PREFIX.length)
      const agent = agents.find((a) => a.id === id)
      onChange({ kind: 'agent', agentId: id, agentName: agent?.name ?? 'Agent' })
    }
  }
  return (
    <NativeSelect
      aria-label="Target"
      value={value}
      disabled={isDisabled}
      onChange={(e) => handleChange(e.target.value)}
      className="w-full min-w-0 sm:max-w-80"
    >
      <optgroup label="Models">
        {!hasCurrentModel && target.kind === 'model' ? (
          <option value={value}>{target.modelId}</option>
        ) : null}
        {models.map((m) => (
          <option key={m.id} value={MODEL_PREFIX + m.id}>
            {m.name} — {modelFacts(m)}
          </option>
        ))}
      </optgroup>
      <optgroup label="My agents (in persona)">
        {!hasCurrentAgent && target.kind === 'agent' ? (
          <option value={value}>{target.agentName}</option>
        ) : null}
        {agents.map((a) => (
          <option key={a.id} value={AGENT_PREFIX + a.id}>
            {a.name}
          </option>
        ))}
      </optgroup>
    </NativeSelect>
  )
}
