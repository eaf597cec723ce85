import { useQuery } from '@tanstack/react-query'
import { Bot } from 'lucide-react'
import { agentListQuery } from '@/features/agents/api/queries'
import { formatNumber } from '@/lib/format'
import { AGENT_COUNT_PARAMS } from '../api/card-params'
import { StatCard, StatValue, cardState } from './stat-card'

export function AgentsCard() {
  const query = useQuery(agentListQuery(AGENT_COUNT_PARAMS))
  return (
    <StatCard
      title="Agents"
      icon={Bot}
      state={cardState(query, ({ pagination }) => (
        <StatValue
          value={formatNumber(pagination.totalCount)}
          caption={
            pagination.totalCount === 0
              ? 'No agents yet. Create one to chat with it.'
              : pagination.totalCount === 1
                ? 'Agent you own or have chatted with.'
                : 'Agents you own or have chatted with.'
          }
        />
      ))}
    />
  )
}
