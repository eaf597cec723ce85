import { clsx, type ClassValue } from 'clsx'

/**
 * Joins class names (strings, arrays, `{ class: condition }` objects) and resolves Tailwind
 * conflicts so the last one wins: `cn('px-2', isWide && 'px-4')` → `'px-4'`. Primitives pass the
 * caller's `className` last so it overrides their defaults (docs/architecture.md §10).
 *
 * This replaces tailwind-merge (~8 KB gz, a third of the first page's budget). It knows the
 * utility groups listed below, which cover what our primitives set and callers override
 * (spacing, sizing, layout, colour, type, borders, radius, shadow, position, overflow,
 * animation…), each per variant (`sm:`, `hover:`, `data-[…]:`), with `p-*` over `px-*` and the
 * like. A utility outside these groups is kept as is, so two of them would both apply and the
 * stylesheet's order decides: add its group here when a primitive starts to need it.
 * `cn.test.ts` covers every group. Unlike tailwind-merge it also groups our theme's own values
 * (`shadow-card`, `animate-zoom-in`), which tailwind-merge does not know without extra config.
 */
export function cn(...inputs: ClassValue[]): string {
  const classes = clsx(inputs).split(' ')
  const taken = new Set<string>()
  const kept: string[] = []
  for (let i = classes.length - 1; i >= 0; i--) {
    const name = classes[i]
    if (!name) continue
    const slot = conflictSlot(name)
    if (slot) {
      const [variant, group] = slot
      if (taken.has(variant + group)) continue
      taken.add(variant + group)
      for (const shadowed of SHADOWS[group] ?? []) taken.add(variant + shadowed)
    }
    kept.push(name)
  }
  return kept.reverse().join(' ')
}

/** `group>shadowed…`: a later class of the group also overrides earlier ones of those groups. */
const SHADOWS = table(
  'p>px py pt pr pb pl ps pe|px>pl pr ps pe|py>pt pb|m>mx my mt mr mb ml ms me|mx>ml mr ms me|' +
    'my>mt mb|size>w h|gap>gap-x gap-y|inset>inset-x inset-y top right bottom left|' +
    'inset-x>left right|inset-y>top bottom|overflow>overflow-x overflow-y|flex>basis grow shrink|' +
    'text-size>leading|rounded>rounded-t rounded-r rounded-b rounded-l rounded-s rounded-e|' +
    'border-w>border-x-w border-y-w border-t-w border-r-w border-b-w border-l-w border-s-w border-e-w|' +
    'border-x-w>border-l-w border-r-w|border-y-w>border-t-w border-b-w',
)

/** Prefixes whose every value is one group (the longest match wins: `min-w` before `w`). */
const PREFIX_GROUPS = new Set(
  (
    'p px py pt pr pb pl ps pe m mx my mt mr mb ml ms me size w h min-w min-h max-w max-h gap ' +
    'gap-x gap-y inset inset-x inset-y top right bottom left z opacity shadow leading tracking ' +
    'justify justify-items justify-self items self overflow overflow-x overflow-y grid-cols ' +
    'grid-rows col-span row-span basis grow shrink order cursor select pointer-events whitespace ' +
    'translate-x translate-y scale rotate origin animate transition duration ease delay ' +
    'line-clamp aspect scroll-mt scroll-py fill underline-offset outline-offset backdrop-blur blur'
  ).split(' '),
)

/** `group>word…`: whole utilities that form a group. */
const KEYWORD_GROUPS: Record<string, string> = {}
for (const [group, words] of Object.entries(
  table(
    'display>block inline-block inline flex inline-flex grid inline-grid hidden contents table ' +
      'flow-root|position>static fixed absolute relative sticky|visibility>visible invisible ' +
      'collapse|case>uppercase lowercase capitalize normal-case|font-style>italic not-italic|' +
      'decoration>underline overline line-through no-underline|sr>sr-only not-sr-only|' +
      'truncate>truncate|word-break>break-normal break-words break-all break-keep|' +
      'flex-dir>flex-row flex-col flex-row-reverse flex-col-reverse|' +
      'flex-wrap>flex-wrap flex-nowrap flex-wrap-reverse|' +
      'border-style>border-solid border-dashed border-dotted border-double border-none|' +
      'outline-style>outline-none outline-hidden outline-solid outline-dashed outline-dotted',
  ),
)) {
  for (const word of words) KEYWORD_GROUPS[word] = group
}

function table(spec: string): Record<string, string[]> {
  const out: Record<string, string[]> = {}
  for (const row of spec.split('|')) {
    const [key = '', values = ''] = row.split('>')
    out[key] = values.split(' ')
  }
  return out
}

const TEXT_SIZE = /^(xs|sm|base|lg|\d?xl)$/
const TEXT_ALIGN = /^(left|center|right|justify|start|end)$/
const FONT_WEIGHT = /^(thin|extralight|light|normal|medium|semibold|bold|extrabold|black)$/
const ARBITRARY_LENGTH = /^\[(length:)?[\d.]+(px|r?em|%|vh|vw|dvh|ch)?\]$|^\[(length:|calc\()/

/** `[variant, group]` of a class, or null when it belongs to no known group. */
function conflictSlot(name: string): [string, string] | null {
  // split off the variants at the last ':' outside brackets and parentheses
  let depth = 0
  let split = -1
  for (let i = 0; i < name.length; i++) {
    const c = name[i]
    if (c === '[' || c === '(') depth++
    else if (c === ']' || c === ')') depth--
    else if (c === ':' && depth === 0) split = i
  }
  const variant = name.slice(0, split + 1)
  let utility = name.slice(split + 1)
  let important = ''
  if (utility.startsWith('!') || utility.endsWith('!')) {
    important = '!'
    utility = utility.replace(/^!|!$/g, '')
  }
  if (utility.startsWith('-')) utility = utility.slice(1)
  const group = groupOf(utility)
  return group ? [variant + important, group] : null
}

function groupOf(utility: string): string | null {
  const keyword = KEYWORD_GROUPS[utility]
  if (keyword) return keyword
  if (utility.startsWith('[') && utility.includes(':')) {
    return `arbitrary:${utility.slice(1, utility.indexOf(':'))}`
  }
  // the longest known prefix ending at a '-'
  for (let end = utility.lastIndexOf('-'); end > 0; end = utility.lastIndexOf('-', end - 1)) {
    const prefix = utility.slice(0, end)
    if (PREFIX_GROUPS.has(prefix)) return prefix
  }
  if (PREFIX_GROUPS.has(utility)) return utility // `shadow`, `grow`, `transition`
  const dash = utility.indexOf('-')
  const head = dash === -1 ? utility : utility.slice(0, dash)
  const value = dash === -1 ? '' : utility.slice(dash + 1)
  const bare = value.split('/')[0] ?? ''
  switch (head) {
    case 'text':
      if (TEXT_SIZE.test(bare) || ARBITRARY_LENGTH.test(bare)) return 'text-size'
      if (TEXT_ALIGN.test(value)) return 'text-align'
      if (/^(wrap|nowrap|balance|pretty)$/.test(value)) return 'text-wrap'
      return 'text-color'
    case 'font':
      return FONT_WEIGHT.test(value) || value.startsWith('[') ? 'font-weight' : 'font-family'
    case 'bg':
      // only colours are grouped; sizes, positions, images and the like are left alone
      return /^(cover|contain|auto|fixed|local|scroll|repeat|no-repeat|center|none|clip|origin|linear|radial|conic|gradient|blend|top|bottom|left|right)/.test(
        value,
      )
        ? null
        : 'bg-color'
    case 'rounded': {
      const side = /^(t|r|b|l|s|e|tl|tr|br|bl|ss|se|es|ee)(-|$)/.exec(value)?.[1]
      return side ? `rounded-${side}` : 'rounded'
    }
    case 'border': {
      const side = /^(x|y|t|r|b|l|s|e)(-|$)/.exec(value)
      const rest = side ? value.slice(side[0].length) : value
      const where = side ? `border-${side[1]}` : 'border'
      if (rest === '' || /^\d+$/.test(rest) || ARBITRARY_LENGTH.test(rest)) return `${where}-w`
      return `${where}-color`
    }
    case 'ring': {
      if (value === 'inset') return 'ring-inset'
      const isOffset = value.startsWith('offset-')
      const rest = isOffset ? value.slice(7) : value
      const group = isOffset ? 'ring-offset' : 'ring'
      return rest === '' || /^\d+$/.test(rest) ? `${group}-w` : `${group}-color`
    }
    case 'outline':
      return value === '' || /^\d+$/.test(value) ? 'outline-w' : 'outline-color'
    case 'flex':
      return 'flex'
    default:
      return null
  }
}
