// The permission ids a key can carry (docs/api-keys.md §Permissions): the product description's
// eight names. The cloud stores them and checks none; the sandbox enforces each on its routes.

export type PermissionId =
  'chat' | 'embeddings' | 'images' | 'video' | 'voice' | 'knowledge' | 'agents' | 'apps'

export type PermissionInfo = {
  id: PermissionId
  label: string
  /** What the permission opens, with the routes the sandbox checks it on. */
  description: string
}

export type PermissionGroup = { label: string; permissions: readonly PermissionInfo[] }

export const PERMISSION_GROUPS: readonly PermissionGroup[] = [
  {
    label: 'Text',
    permissions: [
      {
        id: 'chat',
        label: 'Chat',
        description:
          'Chat completions, responses, messages and rooms (/api/v1/chat…, /api/v1/responses, /api/v1/messages, /api/eliza).',
      },
      {
        id: 'embeddings',
        label: 'Embeddings',
        description: 'Text embeddings (/api/v1/embeddings).',
      },
    ],
  },
  {
    label: 'Media',
    permissions: [
      { id: 'images', label: 'Images', description: 'Image generation (/api/v1/generate-image).' },
      { id: 'video', label: 'Video', description: 'Video generation (/api/v1/generate-video).' },
      {
        id: 'voice',
        label: 'Voice',
        description: 'Text to speech, voices and cloning (/api/v1/voice/…).',
      },
    ],
  },
  {
    label: 'Agents and data',
    permissions: [
      {
        id: 'agents',
        label: 'Agents',
        description:
          'Agents, their hosted runtimes and A2A messages (/api/my-agents, /api/v1/agents, /api/compat, /api/a2a).',
      },
      {
        id: 'knowledge',
        label: 'Knowledge',
        description: 'Knowledge documents and search (/api/v1/knowledge).',
      },
      { id: 'apps', label: 'Apps', description: 'Apps (/api/v1/apps).' },
    ],
  },
]

export const PERMISSION_IDS: readonly PermissionId[] = PERMISSION_GROUPS.flatMap((g) =>
  g.permissions.map((p) => p.id),
)

const LABELS = new Map<string, string>(
  PERMISSION_GROUPS.flatMap((g) => g.permissions.map((p) => [p.id, p.label] as const)),
)

/** A stored permission's label; other strings (the cloud accepts any) are shown as they are. */
export const permissionLabel = (id: string) => LABELS.get(id) ?? id

/**
 * Whether a key's permissions restrict it in the sandbox: a list naming none of the eight ids
 * (such as `[]`) grants everything (docs/api-keys.md §Permissions).
 */
export const isRestricted = (permissions: readonly string[]) =>
  permissions.some((p) => LABELS.has(p))
