// What each platform skill reads from the message's data part (docs/a2a.md §Skills). The cloud
// lists only ids and one line each; the arguments, defaults and limits below are the console's
// own catalog of them, so the form can label, explain and check every field before sending.

export type SkillField =
  | {
      kind: 'text' | 'textarea'
      name: string
      label: string
      help: string
      required?: boolean
      placeholder?: string
      maxLength?: number
      /** Sent when the field is left empty; shown as the placeholder. */
      defaultValue?: string
      /** `url`: must be an http(s) URL. */
      format?: 'url' | 'uuid'
    }
  | {
      kind: 'number'
      name: string
      label: string
      help: string
      required?: boolean
      min: number
      max: number
      integer?: boolean
      step?: number
      defaultValue?: number
    }
  | {
      kind: 'select'
      name: string
      label: string
      help: string
      options: readonly string[]
      /** The first option when absent; `''` means "not sent". */
      defaultValue: string
    }
  | { kind: 'boolean'; name: string; label: string; help: string; defaultValue: boolean }
  | {
      kind: 'list'
      name: string
      label: string
      help: string
      placeholder?: string
    }

/** A `limit` field: how many records a listing skill returns, from 1 to `max`. */
function limitField(label: string, max: number, defaultValue: number): SkillField {
  return {
    kind: 'number',
    name: 'limit',
    label,
    help: `How many, 1 to ${max}.`,
    min: 1,
    max,
    integer: true,
    defaultValue,
  }
}

export type SkillSpec = {
  id: string
  title: string
  /** What the skill does and what it answers with. */
  summary: string
  /** The message's text part: its label, and whether the skill needs it. */
  text?: { label: string; help: string; required: boolean; maxLength?: number }
  fields: readonly SkillField[]
  /** The skill spends credits: the balance is refreshed after it runs. */
  isBilled: boolean
  /** Needs the cloud's hosted tools; the sandbox answers with an honest error. */
  isHostedTool?: boolean
  /** Arguments where one of several is required, checked together. */
  oneOf?: readonly (readonly string[])[]
}

const MODEL_HELP = 'A model id of the catalog, e.g. openai/gpt-4o-mini. Empty: the cloud default.'

export const SKILL_CATALOG: readonly SkillSpec[] = [
  {
    id: 'chat_completion',
    title: 'Chat completion',
    summary:
      'Generates a reply with a language model. Answers with a text part and a "usage" artifact (tokens and cost).',
    text: {
      label: 'Prompt',
      help: 'Sent as the text part; becomes the one user message.',
      required: true,
      maxLength: 100_000,
    },
    fields: [
      {
        kind: 'text',
        name: 'model',
        label: 'Model',
        help: MODEL_HELP,
        defaultValue: 'gpt-4o',
        maxLength: 200,
      },
      {
        kind: 'number',
        name: 'temperature',
        label: 'Temperature',
        help: 'Randomness, 0 to 2. Empty: the model default.',
        min: 0,
        max: 2,
        step: 0.1,
      },
      {
        kind: 'number',
        name: 'max_tokens',
        label: 'Max tokens',
        help: 'Upper bound on the reply length, 1 to 32,000. Empty: no bound.',
        min: 1,
        max: 32_000,
        integer: true,
      },
    ],
    isBilled: true,
  },
  {
    id: 'image_generation',
    title: 'Image generation',
    summary: 'Generates one image. Answers with a file part (base64 PNG) and a "cost" artifact.',
    fields: [
      {
        kind: 'textarea',
        name: 'prompt',
        label: 'Image prompt',
        help: 'What to draw, up to 4,000 characters.',
        required: true,
        maxLength: 4000,
      },
      {
        kind: 'select',
        name: 'aspectRatio',
        label: 'Aspect ratio',
        help: 'Shape of the picture.',
        options: ['1:1', '16:9', '9:16', '4:3', '3:4'],
        defaultValue: '1:1',
      },
    ],
    isBilled: true,
  },
  {
    id: 'video_generation',
    title: 'Video generation',
    summary:
      'Starts a video job and bills its flat price. Answers with a data part (job id and status).',
    fields: [
      {
        kind: 'textarea',
        name: 'prompt',
        label: 'Video prompt',
        help: 'What the clip shows, up to 4,000 characters.',
        required: true,
        maxLength: 4000,
      },
      {
        kind: 'text',
        name: 'model',
        label: 'Video model',
        help: 'A video model id. Empty: fal-ai/veo3.',
        defaultValue: 'fal-ai/veo3',
        maxLength: 200,
      },
    ],
    isBilled: true,
  },
  {
    id: 'web_search',
    title: 'Web search',
    summary: 'Searches the web through the cloud’s hosted search. Answers with a data part.',
    fields: [
      {
        kind: 'text',
        name: 'query',
        label: 'Search query',
        help: 'What to search for.',
        required: true,
        maxLength: 400,
      },
      {
        kind: 'number',
        name: 'maxResults',
        label: 'Max results',
        help: 'How many results, 1 to 20. Empty: the cloud default.',
        min: 1,
        max: 20,
        integer: true,
      },
      {
        kind: 'select',
        name: 'topic',
        label: 'Topic',
        help: 'The kind of search. Empty: general.',
        options: ['', 'general', 'news', 'finance'],
        defaultValue: '',
      },
      {
        kind: 'select',
        name: 'timeRange',
        label: 'Time range',
        help: 'Only results from this recent period. Empty: any time.',
        options: ['', 'day', 'week', 'month', 'year'],
        defaultValue: '',
      },
    ],
    isBilled: true,
    isHostedTool: true,
  },
  {
    id: 'extract_page',
    title: 'Extract page',
    summary: 'Fetches a web page and extracts its content. Answers with a data part.',
    fields: [
      {
        kind: 'text',
        name: 'url',
        label: 'Page URL',
        help: 'An http or https address.',
        required: true,
        format: 'url',
        maxLength: 2000,
      },
      {
        kind: 'list',
        name: 'formats',
        label: 'Formats',
        help: 'Comma-separated, e.g. markdown, html. Empty: the cloud default.',
        placeholder: 'markdown',
      },
      {
        kind: 'boolean',
        name: 'onlyMainContent',
        label: 'Only the main content',
        help: 'Leave out navigation, headers and footers.',
        defaultValue: true,
      },
      {
        kind: 'number',
        name: 'timeoutMs',
        label: 'Timeout (ms)',
        help: '1,000 to 60,000 milliseconds. Empty: the cloud default.',
        min: 1000,
        max: 60_000,
        integer: true,
      },
    ],
    isBilled: true,
    isHostedTool: true,
  },
  {
    id: 'browser_session',
    title: 'Browser session',
    summary: 'Drives a hosted browser. Answers with a data part.',
    fields: [
      {
        kind: 'select',
        name: 'operation',
        label: 'Operation',
        help: 'list and create need no session; the others need a session id.',
        options: ['command', 'list', 'create', 'get', 'delete', 'navigate', 'snapshot'],
        defaultValue: 'command',
      },
      {
        kind: 'text',
        name: 'sessionId',
        label: 'Session id',
        help: 'Required for every operation except list and create.',
        maxLength: 200,
      },
    ],
    isBilled: true,
    isHostedTool: true,
  },
  {
    id: 'check_balance',
    title: 'Check balance',
    summary: 'The organization’s credit balance in USD. Answers with a data part. Needs nothing.',
    fields: [],
    isBilled: false,
  },
  {
    id: 'get_usage',
    title: 'Usage',
    summary: 'The latest usage records (type, model, tokens, cost). Answers with a data part.',
    fields: [limitField('Records', 50, 10)],
    isBilled: false,
  },
  {
    id: 'list_agents',
    title: 'List agents',
    summary: 'The whole organization’s agents (id, name, bio). Answers with a data part.',
    fields: [limitField('Agents', 100, 20)],
    isBilled: false,
  },
  {
    id: 'chat_with_agent',
    title: 'Chat with agent',
    summary:
      'Talks to one agent through a room kept per agent. Answers with a text part (the agent’s reply).',
    fields: [
      {
        kind: 'text',
        name: 'agentId',
        label: 'Agent id',
        help: 'The agent to talk to (a UUID). Give this or a room id.',
        format: 'uuid',
      },
      {
        kind: 'text',
        name: 'roomId',
        label: 'Room id',
        help: 'An existing room (a UUID) to continue. Give this or an agent id.',
        format: 'uuid',
      },
      {
        kind: 'textarea',
        name: 'message',
        label: 'Message',
        help: 'What to say to the agent.',
        required: true,
        maxLength: 10_000,
      },
    ],
    oneOf: [['agentId', 'roomId']],
    isBilled: false,
  },
  {
    id: 'save_memory',
    title: 'Save memory',
    summary: 'Stores a memory in a room and bills a flat price. Answers with a data part.',
    fields: [
      {
        kind: 'text',
        name: 'roomId',
        label: 'Room id',
        help: 'The room the memory belongs to.',
        required: true,
        maxLength: 200,
      },
      {
        kind: 'textarea',
        name: 'content',
        label: 'Content',
        help: 'What to remember.',
        required: true,
        maxLength: 10_000,
      },
      {
        kind: 'select',
        name: 'type',
        label: 'Memory type',
        help: 'How the memory is filed.',
        options: ['fact', 'preference', 'context', 'note'],
        defaultValue: 'fact',
      },
    ],
    isBilled: true,
  },
  {
    id: 'retrieve_memories',
    title: 'Retrieve memories',
    summary: 'Finds memories that match a query. Answers with a data part.',
    fields: [
      {
        kind: 'text',
        name: 'query',
        label: 'Query',
        help: 'Words to look for.',
        required: true,
        maxLength: 1000,
      },
      {
        kind: 'text',
        name: 'roomId',
        label: 'Room id',
        help: 'Only this room’s memories. Empty: every room.',
        maxLength: 200,
      },
      limitField('Memories', 50, 10),
    ],
    isBilled: false,
  },
  {
    id: 'delete_memory',
    title: 'Delete memory',
    summary: 'Deletes one memory by id. Answers with a data part.',
    fields: [
      {
        kind: 'text',
        name: 'memoryId',
        label: 'Memory id',
        help: 'The id save_memory answered with.',
        required: true,
        maxLength: 200,
      },
    ],
    isBilled: false,
  },
  {
    id: 'create_conversation',
    title: 'Create conversation',
    summary: 'Creates a conversation and bills a flat price. Answers with a data part.',
    fields: [
      {
        kind: 'text',
        name: 'title',
        label: 'Title',
        help: 'The conversation’s name.',
        required: true,
        maxLength: 200,
      },
      {
        kind: 'text',
        name: 'model',
        label: 'Model',
        help: MODEL_HELP,
        defaultValue: 'gpt-4o',
        maxLength: 200,
      },
      {
        kind: 'textarea',
        name: 'systemPrompt',
        label: 'System prompt',
        help: 'Instructions kept with the conversation. Optional.',
        maxLength: 10_000,
      },
    ],
    isBilled: true,
  },
  {
    id: 'get_conversation_context',
    title: 'Conversation context',
    summary: 'One conversation’s details. Answers with a data part.',
    fields: [
      {
        kind: 'text',
        name: 'conversationId',
        label: 'Conversation id',
        help: 'The id create_conversation answered with.',
        required: true,
        maxLength: 200,
      },
    ],
    isBilled: false,
  },
  {
    id: 'list_containers',
    title: 'List containers',
    summary: 'The organization’s containers. Answers with a data part.',
    fields: [
      {
        kind: 'select',
        name: 'status',
        label: 'Status',
        help: 'Only containers in this state. Empty: all.',
        options: ['', 'running', 'pending', 'building', 'deploying', 'stopped', 'failed'],
        defaultValue: '',
      },
    ],
    isBilled: false,
  },
  {
    id: 'get_user_profile',
    title: 'User profile',
    summary: 'The calling user and organization. Answers with a data part. Needs nothing.',
    fields: [],
    isBilled: false,
  },
]

const BY_ID = new Map(SKILL_CATALOG.map((s) => [s.id, s]))

/**
 * The catalog entry of a skill id. A skill the cloud lists that the catalog does not know gets
 * a generic form: its arguments as a JSON object.
 */
export function skillSpec(id: string): SkillSpec {
  return (
    BY_ID.get(id) ?? {
      id,
      title: id,
      summary: 'Not in the console’s catalog: write its arguments as a JSON object.',
      text: { label: 'Message text', help: 'Sent as the text part. Optional.', required: false },
      fields: [],
      isBilled: true,
    }
  )
}

export const isKnownSkill = (id: string) => BY_ID.has(id)
