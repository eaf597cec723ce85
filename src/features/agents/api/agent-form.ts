// The create/edit form's schema and its mapping to the cloud's bodies. Kept out of schemas.ts so
// the overview (which loads schemas.ts on the first page) never pays for it.
import { z } from 'zod/mini'
import type { Agent, MessageTurn } from './schemas'

/** Limits of the cloud (docs/cloud/agents.md) and of the sandbox's update extension (sandbox/agents/schemas.ts). */
export const AGENT_LIMITS = {
  name: 100,
  usernameMin: 3,
  usernameMax: 30,
  system: 20_000,
  category: 50,
  tags: 20,
  tag: 50,
  avatarUrl: 2_000_000,
} as const

/** Categories the dashboard offers (docs/cloud/agents.md; not enforced by the cloud). */
export const AGENT_CATEGORIES = [
  'assistant',
  'anime',
  'creative',
  'gaming',
  'learning',
  'entertainment',
  'history',
  'lifestyle',
] as const

const USERNAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Splits a textarea into its non-empty lines. */
export const toLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)

/** Splits "a, b, c" (or one per line) into items. */
export const toItems = (text: string) =>
  text
    .split(/[,\n]/)
    .map((l) => l.trim())
    .filter(Boolean)

/** One example conversation: a line per turn, "Speaker: text". */
export function parseExample(text: string): MessageTurn[] {
  return toLines(text).map((line) => {
    const at = line.indexOf(':')
    return at > 0
      ? { name: line.slice(0, at).trim(), content: { text: line.slice(at + 1).trim() } }
      : { name: '{{user1}}', content: { text: line } }
  })
}
export const formatExample = (turns: MessageTurn[]) =>
  turns.map((t) => `${t.name}: ${t.content.text}`).join('\n')

const lines = z.string()

export const agentFormInput = z.object({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'Name is required'),
      z.maxLength(AGENT_LIMITS.name, `At most ${AGENT_LIMITS.name} characters`),
    ),
  username: z.string().check(
    z.trim(),
    z.refine(
      (u) =>
        u === '' || (u.length >= AGENT_LIMITS.usernameMin && u.length <= AGENT_LIMITS.usernameMax),
      `${AGENT_LIMITS.usernameMin}–${AGENT_LIMITS.usernameMax} characters`,
    ),
    z.refine(
      (u) => u === '' || USERNAME_PATTERN.test(u),
      'Lowercase letters, digits and single hyphens only',
    ),
  ),
  bio: lines,
  system: z
    .string()
    .check(z.maxLength(AGENT_LIMITS.system, `At most ${AGENT_LIMITS.system} characters`)),
  category: z
    .string()
    .check(
      z.trim(),
      z.maxLength(AGENT_LIMITS.category, `At most ${AGENT_LIMITS.category} characters`),
    ),
  tags: z.string().check(
    z.refine((t) => toItems(t).length <= AGENT_LIMITS.tags, `At most ${AGENT_LIMITS.tags} tags`),
    z.refine(
      (t) => toItems(t).every((tag) => tag.length <= AGENT_LIMITS.tag),
      `Each tag at most ${AGENT_LIMITS.tag} characters`,
    ),
  ),
  topics: lines,
  adjectives: lines,
  style: z.object({ all: lines, chat: lines, post: lines }),
  messageExamples: z.array(
    z.object({
      text: z
        .string()
        .check(z.refine((t) => toLines(t).length > 0, 'Write at least one line, or remove it')),
    }),
  ),
  postExamples: lines,
  knowledge: lines,
  plugins: lines,
  avatarUrl: z.string().check(
    z.trim(),
    z.maxLength(AGENT_LIMITS.avatarUrl, 'The avatar is too large'),
    z.refine(
      (u) => u === '' || /^https?:\/\/\S+$/i.test(u) || /^data:image\/[\w.+-]+[;,]/i.test(u),
      'An http(s) URL or a data:image URL',
    ),
  ),
})
export type AgentFormValues = z.input<typeof agentFormInput>

export const emptyAgentForm = (): AgentFormValues => ({
  name: '',
  username: '',
  bio: '',
  system: '',
  category: '',
  tags: '',
  topics: '',
  adjectives: '',
  style: { all: '', chat: '', post: '' },
  messageExamples: [],
  postExamples: '',
  knowledge: '',
  plugins: '',
  avatarUrl: '',
})

/** An agent as form values (lists become one item per line; tags comma-separated). */
export function agentToForm(a: AgentFile | Agent): AgentFormValues {
  return {
    name: a.name,
    username: a.username ?? '',
    bio: a.bio.join('\n'),
    system: a.system ?? '',
    category: a.category ?? '',
    tags: a.tags.join(', '),
    topics: a.topics.join('\n'),
    adjectives: a.adjectives.join('\n'),
    style: {
      all: a.style.all.join('\n'),
      chat: a.style.chat.join('\n'),
      post: a.style.post.join('\n'),
    },
    messageExamples: a.messageExamples.map((turns) => ({ text: formatExample(turns) })),
    postExamples: a.postExamples.join('\n'),
    knowledge: a.knowledge.join('\n'),
    plugins: a.plugins.join('\n'),
    avatarUrl: a.avatarUrl ?? '',
  }
}

/** The body of the PATCH extension (camelCase, as the MCP `update_agent` tool). */
export type AgentUpdateBody = {
  name?: string
  username?: string
  bio?: string[]
  system?: string | null
  category?: string | null
  tags?: string[]
  topics?: string[]
  adjectives?: string[]
  style?: { all: string[]; chat: string[]; post: string[] }
  messageExamples?: MessageTurn[][]
  postExamples?: string[]
  knowledge?: string[]
  plugins?: string[]
  avatarUrl?: string | null
}

type FormKey = keyof AgentFormValues

/**
 * The update body for the given form fields (all of them when `fields` is omitted). Only changed
 * fields are sent, so a field the form shows lossily (knowledge objects, extra turn properties)
 * is never overwritten unless the user edited it. An empty username means "leave it as is".
 */
export function formToUpdate(
  values: AgentFormValues,
  fields?: readonly FormKey[],
): AgentUpdateBody {
  const v = agentFormInput.parse(values)
  const all: Required<AgentUpdateBody> = {
    name: v.name,
    username: v.username,
    bio: toLines(v.bio),
    system: v.system.trim() === '' ? null : v.system,
    category: v.category === '' ? null : v.category,
    tags: toItems(v.tags),
    topics: toLines(v.topics),
    adjectives: toLines(v.adjectives),
    style: { all: toLines(v.style.all), chat: toLines(v.style.chat), post: toLines(v.style.post) },
    messageExamples: v.messageExamples.map((e) => parseExample(e.text)),
    postExamples: toLines(v.postExamples),
    knowledge: toLines(v.knowledge),
    plugins: toLines(v.plugins),
    avatarUrl: v.avatarUrl === '' ? null : v.avatarUrl,
  }
  const keys = fields ?? (Object.keys(all) as FormKey[])
  const body: AgentUpdateBody = {}
  for (const key of keys) {
    if (key === 'username' && all.username === '') continue
    Object.assign(body, { [key]: all[key] })
  }
  return body
}

/** The fields a quick create cannot set (docs/cloud/agents.md: only name and bio). */
export function extraFields(values: AgentFormValues): FormKey[] {
  const empty = emptyAgentForm()
  return (Object.keys(values) as FormKey[]).filter(
    (key) =>
      key !== 'name' && key !== 'bio' && JSON.stringify(values[key]) !== JSON.stringify(empty[key]),
  )
}

/** The server's field path (`style.all.0`, `messageExamples.1.0.content.text`) → a form field. */
export function formFieldFor(path: string): FormKey | 'root' {
  const head = path.split('.')[0] ?? ''
  const keys = Object.keys(emptyAgentForm()) as FormKey[]
  return (keys as string[]).includes(head) ? (head as FormKey) : 'root'
}

// ─── Export / import ──────────────────────────────────────────────────────────────────────

/** The file the console exports: elizaOS character JSON (camelCase), without secrets. */
export function agentToFile(a: Agent) {
  return {
    name: a.name,
    username: a.username ?? undefined,
    bio: a.bio,
    system: a.system || undefined,
    style: a.style,
    topics: a.topics,
    adjectives: a.adjectives,
    messageExamples: a.messageExamples,
    postExamples: a.postExamples,
    knowledge: a.knowledge,
    plugins: a.plugins,
    settings: a.settings,
    avatarUrl: a.avatarUrl ?? undefined,
    category: a.category ?? undefined,
    tags: a.tags,
  }
}

const optionalList = z.optional(z.array(z.string()))

/** What an imported file must look like: an elizaOS character (name required, the rest optional). */
export const agentFileSchema = z.pipe(
  z.object({
    name: z.string().check(z.minLength(1, 'name is required')),
    username: z.optional(z.string()),
    bio: z.optional(z.union([z.string(), z.array(z.string())])),
    system: z.optional(z.string()),
    style: z.optional(z.object({ all: optionalList, chat: optionalList, post: optionalList })),
    topics: optionalList,
    adjectives: optionalList,
    messageExamples: z.optional(
      z.array(z.array(z.object({ name: z.string(), content: z.object({ text: z.string() }) }))),
    ),
    postExamples: optionalList,
    knowledge: z.optional(z.array(z.union([z.string(), z.object({ path: z.string() })]))),
    plugins: optionalList,
    avatarUrl: z.optional(z.nullable(z.string())),
    category: z.optional(z.nullable(z.string())),
    tags: optionalList,
  }),
  z.transform((f) => ({
    name: f.name,
    username: f.username ?? null,
    bio: typeof f.bio === 'string' ? [f.bio] : (f.bio ?? []),
    system: f.system ?? '',
    style: { all: f.style?.all ?? [], chat: f.style?.chat ?? [], post: f.style?.post ?? [] },
    topics: f.topics ?? [],
    adjectives: f.adjectives ?? [],
    messageExamples: f.messageExamples ?? [],
    postExamples: f.postExamples ?? [],
    knowledge: (f.knowledge ?? []).map((k) => (typeof k === 'string' ? k : k.path)),
    plugins: f.plugins ?? [],
    avatarUrl: f.avatarUrl ?? null,
    category: f.category ?? null,
    tags: f.tags ?? [],
  })),
)
export type AgentFile = z.infer<typeof agentFileSchema>

export const MAX_IMPORT_BYTES = 5_000_000

/** Reads an imported file into form values, or says exactly why it cannot. */
export async function readAgentFile(
  file: Blob,
): Promise<{ ok: true; values: AgentFormValues } | { ok: false; message: string }> {
  if (file.size > MAX_IMPORT_BYTES) return { ok: false, message: 'The file is larger than 5 MB.' }
  let json: unknown
  try {
    json = JSON.parse(await file.text())
  } catch {
    return { ok: false, message: 'The file is not valid JSON.' }
  }
  const parsed = z.safeParse(agentFileSchema, json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? issue.path.join('.') : 'file'
    return { ok: false, message: `Not an agent file: ${where}: ${issue?.message ?? 'invalid'}` }
  }
  return { ok: true, values: agentToForm(parsed.data) }
}
