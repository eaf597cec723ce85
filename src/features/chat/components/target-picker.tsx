import { NativeSelect } from '@/components/ui/native-select'
import { formatNumber, formatUsd } from '@/lib/format'
import { targetLabel, type ChatTarget } from '../storage/conversations'
import type { ChatModel } from '../api/schemas'
import { perMillion } from '../lib/pricing'

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

/** The target a picker value stands for; an unknown agent is named "Agent" until the list is in. */
export function targetFromValue(value: string, agents: readonly AgentOption[]): ChatTarget {
  if (value.startsWith(MODEL_PREFIX))
    return { kind: 'model', modelId: value.slice(MODEL_PREFIX.length) }
  const id = value.slice(AGENT_PREFIX.length)
  const agent = agents.find((a) => a.id === id)
  return { kind: 'agent', agentId: id, agentName: agent?.name ?? 'Agent' }
}

type TargetOptionsProps = {
  models: readonly ChatModel[]
  agents: readonly AgentOption[]
  /** Shown even when the lists lack it (a deleted agent, a model gone from the catalog). */
  current?: ChatTarget
  /** Put each model's facts (context, prices) in its option. */
  hasFacts?: boolean
}

/** The options of a target `<select>`: catalog models, then my agents. */
export function TargetOptions({ models, agents, current, hasFacts = true }: TargetOptionsProps) {
  const value = current ? targetValue(current) : null
  const isMissingAgent = current?.kind === 'agent' && !agents.some((a) => a.id === current.agentId)
  const isMissingModel = current?.kind === 'model' && !models.some((m) => m.id === current.modelId)
  return (
    <>
      <optgroup label="Models">
        {isMissingModel && value ? <option value={value}>{targetLabel(current)}</option> : null}
        {models.map((m) => (
          <option key={m.id} value={MODEL_PREFIX + m.id}>
            {hasFacts ? `${m.name} — ${modelFacts(m)}` : m.name}
          </option>
        ))}
      </optgroup>
      <optgroup label="My agents (in persona)">
        {isMissingAgent && value ? <option value={value}>{targetLabel(current)}</option> : null}
        {agents.map((a) => (
          <option key={a.id} value={AGENT_PREFIX + a.id}>
            {a.name}
          </option>
        ))}
      </optgroup>
    </>
  )
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
  return (
    <NativeSelect
      aria-label="Target"
      value={targetValue(target)}
      disabled={isDisabled}
      onChange={(e) => onChange(targetFromValue(e.target.value, agents))}
      className="w-full min-w-0 sm:max-w-80"
    >
      <TargetOptions models={models} agents={agents} current={target} />
    </NativeSelect>
  )
}
