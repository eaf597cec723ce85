import { taskHistoryQuery } from '@/features/a2a/api/history'
import { a2aServiceQuery } from '@/features/a2a/api/queries'
import {
  createFileRoute,
  stripSearchParams,
  useLocation,
  type SearchSchemaInput,
} from '@tanstack/react-router'
import { useCallback } from 'react'
import { A2aConsole } from '@/features/a2a/components/a2a-console'
import { text } from '@/lib/search-params'

type A2aSearch = { skill: string; task: string }
const defaults: A2aSearch = { skill: 'chat_completion', task: '' }

// The chosen skill and the open task; a hand-edited value degrades to the default.
const validateSearch = (search: Partial<A2aSearch> & SearchSchemaInput): A2aSearch => ({
  skill: text(search.skill, defaults.skill, { trim: true, pattern: /^[a-z][a-z0-9_]{0,63}$/ }),
  task: text(typeof search.task === 'number' ? String(search.task) : search.task, defaults.task, {
    trim: true,
    pattern: /^[\w.:-]{1,128}$/,
  }),
})

export const Route = createFileRoute('/a2a/')({
  validateSearch,
  search: { middlewares: [stripSearchParams(defaults)] },
  // The service's card and the task history, side by side, so the page paints once, complete
  // (the skill form moved when they arrived: a layout shift). A failure shows in place.
  loader: ({ context: { queryClient } }) =>
    Promise.all([
      queryClient.prefetchQuery(a2aServiceQuery()),
      queryClient.prefetchQuery(taskHistoryQuery()),
    ]),
  component: A2aPage,
})

function A2aPage() {
  const { skill, task } = Route.useSearch()
  const navigate = Route.useNavigate()
  // Cmd+K "Send A2A task" arrives with #send: each such arrival puts the focus on the Skill.
  const focusKey = useLocation({
    select: (l) => (l.hash === 'send' ? (l.state.__TSR_key ?? l.href) : null),
  })
  const handleSkill = useCallback(
    (next: string) => void navigate({ search: (s) => ({ ...s, skill: next }), replace: true }),
    [navigate],
  )
  const handleTask = useCallback(
    (next: string) => void navigate({ search: (s) => ({ ...s, task: next }) }),
    [navigate],
  )
  return (
    <A2aConsole
      skillId={skill}
      taskId={task}
      onSkillChange={handleSkill}
      onTaskChange={handleTask}
      focusKey={focusKey}
    />
  )
}
