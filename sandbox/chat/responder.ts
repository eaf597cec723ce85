// The sandbox's deterministic "model": an ELIZA-style rule engine that reads the conversation
// and answers in a persona. The cloud calls a real LLM (docs/cloud/chat.md); the sandbox cannot, so it
// writes plausible, conversation-dependent replies instead: same input → same output, a
// different input (or seed, or model) → a different reply. Replies are multi-sentence and
// sometimes markdown (lists, a fenced code block when code is asked for) so the console's
// markdown renderer and streaming have real material.
//
// Shape of the engine (after Weizenbaum's ELIZA): keywords with ranks, each with
// decomposition patterns whose captures are reflected ("my" → "your") and put into one of
// several reassembly templates; statements about the user ("my X", "I am X") are remembered
// and recalled when nothing matches; fallbacks otherwise. Around that core the persona adds an
// opener, a topic aside and a closing that follow its name, adjectives and style.

/** A character / persona as stored on `user_characters` (the fields the responder reads). */
export interface Persona {
  name: string
  system?: string | null
  bio?: string[] | string | null
  style?: string[] | null
  topics?: string[] | null
  adjectives?: string[] | null
  messageExamples?: unknown
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant' | 'tool'
  content: string
  name?: string
  toolCallId?: string
}

export interface ComposeInput {
  messages: ChatTurn[]
  persona?: Persona | null
  system?: string | null
  model?: string
  seed?: number
  /** A hint only: a small budget asks for a short reply. Exact truncation is the caller's job. */
  maxTokens?: number
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

function fnv1a(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

/** A small seeded generator (mulberry32); every choice in a reply comes from one of these. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length) % items.length] as T
}

// ---------------------------------------------------------------------------------------------
// Text helpers

const REFLECTIONS: Record<string, string> = {
  i: 'you',
  me: 'you',
  my: 'your',
  mine: 'yours',
  myself: 'yourself',
  am: 'are',
  "i'm": "you're",
  "i've": "you've",
  "i'll": "you'll",
  "i'd": "you'd",
  was: 'were',
  you: 'I',
  your: 'my',
  yours: 'mine',
  yourself: 'myself',
  are: 'am',
  "you're": "I'm",
  "you've": "I've",
  "you'll": "I'll",
  we: 'you',
  our: 'your',
}

/** Swaps first and second person ("I need my keys" → "you need your keys"). */
export function reflect(fragment: string): string {
  return fragment
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const m = /^([\w']+)(.*)$/.exec(word)
      if (!m) return word
      const core = m[1] as string
      const swapped = REFLECTIONS[core.toLowerCase()]
      return (swapped ?? core) + (m[2] ?? '')
    })
    .join(' ')
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function stripTrailingPunctuation(text: string): string {
  return text.replace(/[\s.!?,;:]+$/, '')
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function asList(value: string[] | string | null | undefined): string[] {
  if (!value) return []
  return (Array.isArray(value) ? value : [value]).map((v) => String(v).trim()).filter(Boolean)
}

function shorten(text: string, words: number): string {
  const parts = clean(text).split(' ')
  return parts.length <= words ? parts.join(' ') : parts.slice(0, words).join(' ') + '…'
}

// ---------------------------------------------------------------------------------------------
// Persona

interface Voice {
  name: string
  bio: string[]
  topics: string[]
  adjectives: string[]
  concise: boolean
  warm: boolean
  formal: boolean
  playful: boolean
}

const WARM = /friendly|warm|kind|caring|empath|enthusias|cheer|helpful|supportive|upbeat/i
const FORMAL = /formal|professional|precise|serious|academic|polite/i
const PLAYFUL = /playful|witty|funny|humor|quirky|sarcas|cheeky|whimsical/i
const CONCISE = /concise|brief|short|terse|succinct|to the point/i

function voiceOf(persona: Persona | null | undefined, system: string | null | undefined): Voice {
  const sys = clean(persona?.system ?? system ?? '')
  const named = /\b[Yy]ou are ([A-Z][\w'-]*(?: [A-Z][\w'-]*)?)/.exec(sys)?.[1]
  const name = persona?.name?.trim() || named || 'Eliza'
  const adjectives = asList(persona?.adjectives)
  const style = asList(persona?.style)
  const tone = [sys, ...adjectives, ...style].join(' ')
  return {
    name,
    bio: asList(persona?.bio),
    topics: asList(persona?.topics),
    adjectives,
    concise: CONCISE.test(tone),
    warm: WARM.test(tone),
    formal: FORMAL.test(tone),
    playful: PLAYFUL.test(tone),
  }
}

// ---------------------------------------------------------------------------------------------
// Rules

import { FALLBACKS, RULES } from './responder-rules.ts'

type Intent = 'plain' | 'code' | 'table' | 'nested' | 'list' | 'explain'

// ---------------------------------------------------------------------------------------------
// Intents: code, list, explanation

const LANGUAGES: Array<{ re: RegExp; lang: string }> = [
  { re: /\btypescript\b|\bts\b/i, lang: 'typescript' },
  { re: /\bjavascript\b|\bjs\b|\bnode\b/i, lang: 'javascript' },
  { re: /\bpython\b|\bpy\b/i, lang: 'python' },
  { re: /\brust\b/i, lang: 'rust' },
  { re: /\bgo(?:lang)?\b/i, lang: 'go' },
  { re: /\bsql\b|\bquery\b|\bpostgres/i, lang: 'sql' },
  { re: /\bbash\b|\bshell\b|\bscript\b/i, lang: 'bash' },
]

function intentOf(text: string): Intent {
  if (
    /\b(?:code|function|snippet|script|program|implement|write (?:a|an|some) \w+ (?:in|using))\b/i.test(
      text,
    )
  )
    return 'code'
  if (/\b(?:table|tabular|comparison|compare|versus|vs\.?|side[- ]by[- ]side)\b/i.test(text))
    return 'table'
  if (/\bsub-?\s?steps?\b|\bnested (?:list|steps)\b|\bdetailed steps\b/i.test(text)) return 'nested'
  if (
    /\b(?:list|steps|ideas|options|tips|ways|examples|how (?:do|can|should) i|how to)\b/i.test(text)
  )
    return 'list'
  if (/\b(?:what|explain|describe|why|difference|compare)\b/i.test(text)) return 'explain'
  return 'plain'
}

function subjectOf(text: string): string {
  const first = (/^(.+?)(?:[.?!](?:\s|$)|$)/.exec(clean(text))?.[1] ?? text).trim()
  const stripped = first
    .replace(
      /^(?:(?:please|hey|ok|okay|so)[, ]+)*(?:(?:can|could|would|will) you |i (?:want|need|would like) you to |help me )?/i,
      '',
    )
    .replace(
      /^(?:write|give me|show me|make|create|generate|implement|list|tell me)(?: (?:a|an|some|the|me))* (?:(?:\w+ )?(?:function|snippet|script|program|code|query|steps|ideas|tips|ways|list|examples)(?: (?:in|using) \w+)?)?\s*(?:to|that|which|for|about|on|of)?\s*/i,
      '',
    )
    .replace(/^(?:how (?:do|can|should|would) (?:i|we|you)|how to) /i, '')
    .replace(/^(?:what(?:'s| is| are)|explain|describe|define|why (?:do|does|is|are)) /i, '')
    .replace(/ (?:in|using) (?:python|typescript|javascript|rust|go|golang|sql|bash|shell)$/i, '')
  return shorten(stripTrailingPunctuation(reflect(stripped)), 10) || 'this'
}

function identifier(subject: string): string {
  const words = subject
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .split(/\s+/)
    .filter((w) => w && !/^(?:a|an|the|that|which|in|using|with|of|and|my|your|it)$/.test(w))
    .slice(0, 3)
  if (words.length === 0) return 'solve'
  return words.map((w, i) => (i === 0 ? w : capitalize(w))).join('')
}

function codeBlock(text: string): string {
  const lang = LANGUAGES.find((l) => l.re.test(text))?.lang ?? 'typescript'
  const lower = text.toLowerCase()
  const fn = identifier(subjectOf(text))
  const snake = fn.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())
  let body: string
  if (/revers/.test(lower)) {
    body =
      {
        python:
          'def reverse_string(text: str) -> str:\n    return text[::-1]\n\nprint(reverse_string("hello"))',
        rust: 'fn reverse_string(text: &str) -> String {\n    text.chars().rev().collect()\n}',
        go: 'func reverseString(s string) string {\n\tr := []rune(s)\n\tfor i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {\n\t\tr[i], r[j] = r[j], r[i]\n\t}\n\treturn string(r)\n}',
        sql: "SELECT reverse('hello');",
        bash: 'echo "hello" | rev',
      }[lang] ??
      "function reverseString(text: string): string {\n  return [...text].reverse().join('')\n}\n\nconsole.log(reverseString('hello'))"
  } else if (/fibonacci/.test(lower)) {
    body =
      {
        python:
          'def fibonacci(n: int) -> list[int]:\n    seq = [0, 1]\n    while len(seq) < n:\n        seq.append(seq[-1] + seq[-2])\n    return seq[:n]',
        rust: 'fn fibonacci(n: usize) -> Vec<u64> {\n    let mut seq = vec![0, 1];\n    while seq.len() < n {\n        let next = seq[seq.len() - 1] + seq[seq.len() - 2];\n        seq.push(next);\n    }\n    seq.truncate(n);\n    seq\n}',
      }[lang] ??
      'function fibonacci(n: number): number[] {\n  const seq = [0, 1]\n  while (seq.length < n) seq.push(seq[seq.length - 1] + seq[seq.length - 2])\n  return seq.slice(0, n)\n}'
  } else if (/sort/.test(lower)) {
    body =
      {
        python: 'def sort_items(items: list[int]) -> list[int]:\n    return sorted(items)',
        sql: 'SELECT * FROM items ORDER BY created_at DESC;',
      }[lang] ??
      'function sortItems(items: number[]): number[] {\n  return [...items].sort((a, b) => a - b)\n}'
  } else if (/fetch|http|request|api/.test(lower)) {
    body =
      {
        python:
          'import requests\n\ndef fetch_json(url: str) -> dict:\n    response = requests.get(url, timeout=10)\n    response.raise_for_status()\n    return response.json()',
        bash: 'curl -sS -H "Accept: application/json" https://example.com/api/items',
      }[lang] ??
      'async function fetchJson(url: string): Promise<unknown> {\n  const response = await fetch(url)\n  if (!response.ok) throw new Error(`HTTP ${response.status}`)\n  return response.json()\n}'
  } else {
    body =
      {
        python: `def ${snake}(value):\n    """${capitalize(subjectOf(text))}."""\n    result = value\n    return result`,
        rust: `fn ${snake}(value: &str) -> String {\n    value.to_string()\n}`,
        go: `func ${fn}(value string) string {\n\treturn value\n}`,
        sql: "SELECT id, name, created_at\nFROM items\nWHERE created_at > now() - interval '7 days'\nORDER BY created_at DESC;",
        bash: `#!/usr/bin/env bash\nset -euo pipefail\n\necho "${fn}: $1"`,
        javascript: `export function ${fn}(value) {\n  // ${subjectOf(text)}\n  return value\n}`,
      }[lang] ??
      `export function ${fn}<T>(value: T): T {\n  // ${subjectOf(text)}\n  return value\n}`
  }
  return '```' + lang + '\n' + body + '\n```'
}

function listBlock(rand: () => number, subject: string, voice: Voice): string {
  const steps = [
    `Start by writing down what "done" looks like for ${subject}.`,
    'Break the work into small pieces you can check one at a time.',
    'Do the riskiest piece first, so surprises show up early.',
    'Keep notes of what you tried and what happened.',
    'Review the result with someone else before you call it finished.',
    'Automate whatever you will have to repeat.',
  ]
  const topic = voice.topics.length > 0 ? pick(rand, voice.topics) : null
  if (topic) steps.splice(2, 0, `Look at how it relates to ${topic}.`)
  const count = voice.concise ? 3 : 4
  const start = Math.floor(rand() * 2)
  return steps
    .slice(start, start + count)
    .map((s, i) => `${i + 1}. ${s}`)
    .join('\n')
}

/** The two things a comparison is about ("X vs Y", "compare X and Y", "between X and Y"), if any. */
export function comparedPair(text: string): [string, string] | null {
  const t = stripTrailingPunctuation(clean(text))
  const item = "([\\p{L}\\p{N}#+.'-]+(?: [\\p{L}\\p{N}#+.'-]+){0,2})"
  const patterns = [
    new RegExp(`${item} (?:vs\\.?|versus|or) ${item}`, 'iu'),
    new RegExp(`(?:compare|comparing|between) ${item} (?:and|with|to) ${item}`, 'iu'),
  ]
  for (const re of patterns) {
    const m = re.exec(t)
    if (!m?.[1] || !m[2]) continue
    const strip = (s: string) =>
      s.replace(/^(?:a table (?:of|comparing)|table|comparison of|compare|the|a|an) /i, '').trim()
    const a = strip(m[1].split(/ (?:of|comparing|between) /i).pop() ?? m[1])
    const b = strip(m[2].split(/ (?:in|for|as) /i)[0] ?? m[2])
    if (a && b && a.toLowerCase() !== b.toLowerCase()) return [a, b]
  }
  return null
}

const ASPECTS: Array<[string, string, string]> = [
  ['Best for', 'quick starts and small teams', 'large codebases with many contributors'],
  ['Learning curve', 'gentle', 'steeper at first'],
  ['Performance', 'good enough for most work', 'tuned for heavy loads'],
  ['Tooling', 'simple, few moving parts', 'rich, with more to configure'],
  ['Community', 'friendly and growing', 'large and established'],
  ['Trade-off', 'less structure as things grow', 'more ceremony up front'],
]

/** A GitHub-flavoured markdown table: a comparison of two things, or aspects of one subject. */
function tableBlock(rand: () => number, subject: string, text: string): string {
  const pair = comparedPair(text)
  const start = Math.floor(rand() * 2)
  const rows = ASPECTS.slice(start, start + 4)
  const cell = (s: string) => s.replace(/\|/g, '\\|')
  if (pair) {
    const [a, b] = pair.map((p) => cell(capitalize(p)))
    const flip = rand() < 0.5
    return [
      `| Aspect | ${a} | ${b} |`,
      '| --- | --- | --- |',
      ...rows.map(([k, x, y]) => `| ${k} | ${flip ? y : x} | ${flip ? x : y} |`),
    ].join('\n')
  }
  const topic = cell(subject)
  return [
    `| Aspect | What to look at in ${topic} | Why it matters |`,
    '| --- | --- | --- |',
    `| Goal | What "done" means | Everything else is measured against it |`,
    `| Inputs | What you start from | Surprises usually hide here |`,
    `| Cost | Time and money | It decides what is worth doing first |`,
    `| Risk | What could go wrong | Do the riskiest part early |`,
  ].join('\n')
}

const SUBSTEPS: Array<[string, string[]]> = [
  ['Define the goal', ['Write down what "done" looks like.', 'Agree on how you will check it.']],
  [
    'Gather what you need',
    ['List the inputs and tools.', 'Note anything you still have to ask for.'],
  ],
  ['Break the work down', ['Split it into pieces you can finish in a day.', 'Order them by risk.']],
  ['Do the work', ['Start with the riskiest piece.', 'Check each piece as soon as it is done.']],
  [
    'Review and finish',
    ['Ask someone else to look at the result.', 'Write down what you learned.'],
  ],
]

/** Numbered steps, each with a nested bullet list of sub-steps. */
function nestedListBlock(rand: () => number, voice: Voice): string {
  const count = voice.concise ? 3 : 4
  const start = Math.floor(rand() * 2)
  return SUBSTEPS.slice(start, start + count)
    .map(([step, subs], i) => [`${i + 1}. ${step}`, ...subs.map((s) => `   - ${s}`)].join('\n'))
    .join('\n')
}

// ---------------------------------------------------------------------------------------------
// Memory and tool results

/** "my X" / "I am X" statements from earlier user turns, newest first. */
function memories(userTurns: string[]): string[] {
  const out: string[] = []
  for (const turn of userTurns) {
    const my = /\bmy ([\w' -]{2,60}?)(?:[.,!?]|$)/i.exec(turn)
    if (my?.[1]) out.push(`that your ${reflect(clean(my[1]))}`)
    const am = /\bi(?: am|'m) ([\w' -]{2,60}?)(?:[.,!?]|$)/i.exec(turn)
    if (am?.[1]) out.push(`that you are ${reflect(clean(am[1]))}`)
  }
  return out.reverse()
}

function toolSummary(turn: ChatTurn): string {
  const label = turn.name ? `\`${turn.name}\`` : 'the tool'
  let parsed: unknown
  try {
    parsed = JSON.parse(turn.content)
  } catch {
    return `Here is what ${label} returned: ${shorten(turn.content, 40)}`
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const entries = Object.entries(parsed as Record<string, unknown>).slice(0, 6)
    const lines = entries.map(
      ([k, v]) => `- **${k}**: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
    )
    return `Here is what ${label} returned:\n\n${lines.join('\n')}`
  }
  return `Here is what ${label} returned: ${JSON.stringify(parsed)}`
}

// ---------------------------------------------------------------------------------------------
// Composition

function fill(template: string, capture: string | undefined, voice: Voice): string {
  return template.replace(/\(1\)/g, capture ?? 'that').replace(/\{name\}/g, voice.name)
}

function opener(
  rand: () => number,
  voice: Voice,
  first: boolean,
  question: boolean,
): string | null {
  if (voice.formal)
    return pick(rand, question ? ['Certainly.', 'Of course.', null] : ['I understand.', null])
  if (voice.playful)
    return pick(
      rand,
      question ? ['Ooh, fun one.', 'Alright, let me have a go.'] : ['Ha, noted.', null],
    )
  if (voice.warm) {
    if (question)
      return pick(rand, [
        'Happy to help!',
        'Great question!',
        first ? 'Thanks for reaching out!' : null,
      ])
    return pick(rand, ['I hear you.', 'Thanks for sharing that.', null])
  }
  return null
}

function closer(rand: () => number, voice: Voice): string {
  if (voice.formal)
    return pick(rand, [
      'Please let me know if you would like more detail.',
      'I hope this is useful.',
    ])
  if (voice.playful) return pick(rand, ['Want me to take it further?', 'Your move!'])
  if (voice.warm)
    return pick(rand, ['Let me know how it goes!', "I'm here if you want to dig deeper."])
  return pick(rand, [
    'Does that help?',
    'What would you like to look at next?',
    'Want me to go into more detail?',
  ])
}

function topicAside(rand: () => number, voice: Voice, text: string): string | null {
  if (voice.topics.length === 0) return null
  const mentioned = voice.topics.find((t) => text.toLowerCase().includes(t.toLowerCase()))
  if (mentioned)
    return `That happens to be close to my heart — I spend a lot of time on ${mentioned}.`
  if (rand() < 0.5) return null
  return `It reminds me a little of ${pick(rand, voice.topics)}, which I think about a lot.`
}

function explanation(rand: () => number, subject: string): string {
  return pick(rand, [
    `The core idea behind ${subject} is to separate what must stay fixed from what may vary. Once that split is clear, the rest follows from a handful of rules.`,
    `A useful way to think about ${subject} is: what goes in, what comes out, and what has to hold in between. Most confusion comes from mixing those three up.`,
    `${capitalize(subject)} is best learned by example. Start with the smallest case that works, then change one thing at a time and watch what happens.`,
  ])
}

/**
 * Writes the assistant's next message for a conversation. Pure and deterministic: the result
 * depends only on the input (messages, persona/system, model, seed, maxTokens).
 */
export function composeReply(input: ComposeInput): string {
  const systemTurn = input.messages.find((m) => m.role === 'system')?.content
  const voice = voiceOf(input.persona, input.system ?? systemTurn ?? null)
  const userTurns = input.messages.filter((m) => m.role === 'user').map((m) => clean(m.content))
  const last = input.messages[input.messages.length - 1]
  const lastUser = userTurns[userTurns.length - 1] ?? ''
  const assistantCount = input.messages.filter((m) => m.role === 'assistant').length

  const key = JSON.stringify([
    input.messages.map((m) => [m.role, m.content, m.name ?? '']),
    voice.name,
    input.model ?? '',
    input.seed ?? 0,
  ])
  const rand = seededRandom(fnv1a(key))
  const short = input.maxTokens !== undefined && input.maxTokens < 40

  // A tool result answers the previous tool call: report it, in the persona's voice.
  if (last?.role === 'tool') {
    const parts = [toolSummary(last)]
    if (lastUser)
      parts.push(
        `So, to your question ("${shorten(lastUser, 12)}"): the result above is the answer.`,
      )
    parts.push(closer(rand, voice))
    return parts.join('\n\n')
  }

  if (!lastUser) {
    return `Hello! I'm ${voice.name}. ${voice.bio[0] ?? 'How can I help you today?'}`
  }

  // ELIZA core: the highest-ranked keyword whose decomposition matches.
  let core: string | null = null
  let ruleKey: string | null = null
  const sorted = [...RULES].sort((a, b) => b.rank - a.rank)
  for (const rule of sorted) {
    for (const d of rule.decompositions) {
      const m = d.pattern.exec(lastUser)
      if (!m) continue
      const capture = m[1] ? shorten(stripTrailingPunctuation(reflect(m[1])), 14) : undefined
      // Cycle through reassemblies as the conversation goes on, like ELIZA, offset by the hash.
      const index =
        (assistantCount + Math.floor(rand() * d.reassemblies.length)) % d.reassemblies.length
      core = capitalize(fill(d.reassemblies[index] as string, capture, voice))
      ruleKey = rule.key
      break
    }
    if (core) break
  }

  const intent = intentOf(lastUser)
  const subject = subjectOf(lastUser)
  const recalled = memories(userTurns.slice(0, -1))
  if (!core) {
    core =
      recalled.length > 0 && rand() < 0.6
        ? `Earlier you mentioned ${recalled[0]}. Does that have something to do with this?`
        : pick(rand, FALLBACKS)
  }

  if (short) return core

  // Social formulas (greetings, thanks, goodbyes, apologies) stand alone, as people write them.
  if (ruleKey === 'hello' || ruleKey === 'thanks' || ruleKey === 'bye' || ruleKey === 'sorry') {
    const topic = ruleKey === 'hello' && voice.topics.length > 0 ? pick(rand, voice.topics) : null
    return topic ? `${core} I'm always happy to talk about ${topic}, too.` : core
  }

  const parts: string[] = []
  const question =
    /\?\s*$|^(?:how|what|why|can|could|would|will|do|does|is|are|write|give|show|explain|list)\b/i.test(
      lastUser,
    )
  const open = opener(rand, voice, assistantCount === 0, question)
  if (open && ruleKey !== 'hello' && ruleKey !== 'name') parts.push(open)

  if (ruleKey === 'name') {
    parts.push(core)
    if (voice.bio.length > 0) parts.push(voice.bio.slice(0, 2).join(' '))
    if (voice.topics.length > 0)
      parts.push(`I'm especially into ${voice.topics.slice(0, 3).join(', ')}.`)
    return parts.join(' ')
  }

  if (intent === 'code') {
    parts.push(`Here's a ${voice.concise ? 'compact' : 'straightforward'} version for ${subject}:`)
    const text = parts.join(' ')
    const after = voice.concise
      ? 'It keeps things minimal.'
      : 'It avoids clever tricks so it is easy to read and test; adapt the names to your codebase.'
    return `${text}\n\n${codeBlock(lastUser)}\n\n${after} ${closer(rand, voice)}`
  }

  if (intent === 'table' || intent === 'nested') {
    const topic =
      subject
        .replace(/^(?:(?:a|the) )?(?:table|steps|list)(?: (?:of|for|about|on|to))? /i, '')
        .replace(
          /,? (?:with|and|in|as) (?:(?:a|the|their|its) )?(?:sub-?\s?steps?|table|nested \w+).*$/i,
          '',
        )
        .trim() || 'this'
    parts.push(
      intent === 'table'
        ? comparedPair(lastUser)
          ? 'Here is a side-by-side comparison:'
          : `Here is a table for ${topic}:`
        : `Here are the steps ${/\bsteps? (to|for|on|about)\b/i.exec(lastUser)?.[1]?.toLowerCase() ?? 'for'} ${topic}, each with its sub-steps:`,
    )
    const block =
      intent === 'table' ? tableBlock(rand, topic, lastUser) : nestedListBlock(rand, voice)
    return [parts.join(' '), block, closer(rand, voice)].join('\n\n')
  }
  if (intent === 'list') {
    parts.push(ruleKey === null ? `Here is how I would go about ${subject}.` : core)
    const head = parts.join(' ')
    const aside = topicAside(rand, voice, lastUser)
    return [
      head,
      listBlock(rand, subject, voice),
      [aside, closer(rand, voice)].filter(Boolean).join(' '),
    ].join('\n\n')
  }

  parts.push(core)
  if (intent === 'explain' && !voice.concise) parts.push(explanation(rand, subject))
  const aside = topicAside(rand, voice, lastUser)
  if (aside && !voice.concise) parts.push(aside)
  if (recalled.length > 0 && !core.startsWith('Earlier') && rand() < 0.35) {
    parts.push(`I also haven't forgotten ${recalled[0]}.`)
  }
  parts.push(closer(rand, voice))
  return parts.join(' ')
}
