import { Validator, type OutputUnit, type SchemaDraft } from '@cfworker/json-schema'

// Structured replies are checked with @cfworker/json-schema: a validator that interprets the
// schema (Ajv compiles it with `new Function`, which the console's Content-Security-Policy, no
// 'unsafe-eval', forbids). It follows the draft the schema names in `$schema` (4, 7, 2019-09,
// 2020-12; 2020-12 when it names none), including `$ref`, `pattern`, `format` and the exclusive
// bounds. docs/chat.md §Structured output.

/** One way the value breaks the schema: where (a JSON pointer, '' for the root) and why. */
export type SchemaProblem = { path: string; keyword: string; message: string }

const DRAFTS: Array<[RegExp, SchemaDraft]> = [
  [/draft-04/, '4'],
  [/draft-07/, '7'],
  [/2019-09/, '2019-09'],
  [/2020-12/, '2020-12'],
]

function draftOf(schema: unknown): SchemaDraft {
  const id =
    typeof schema === 'object' && schema !== null && '$schema' in schema
      ? String((schema as { $schema: unknown }).$schema)
      : ''
  return DRAFTS.find(([re]) => re.test(id))?.[1] ?? '2020-12'
}

// "#/a/0" → "/a/0"; the root is ''.
const pointer = (location: string) => location.replace(/^#/, '')

/**
 * Keeps the errors that say what is wrong: the library also reports each enclosing keyword that
 * failed because of them ("Property "a" does not match schema", "A subschema had errors"), and a
 * property refused by `additionalProperties: false` twice.
 */
function specific(errors: readonly OutputUnit[]): OutputUnit[] {
  return errors.filter((e) => {
    const deeper = errors.some(
      (f) => f !== e && f.keywordLocation.startsWith(`${e.keywordLocation}/`),
    )
    if (deeper) return false
    if (e.keyword === 'false') {
      const parent = e.instanceLocation.slice(0, e.instanceLocation.lastIndexOf('/'))
      return !errors.some(
        (f) => f.keyword === 'additionalProperties' && f.instanceLocation === parent,
      )
    }
    return true
  })
}

/**
 * Problems of `value` against `schema`, each with its path; empty when it matches. A schema the
 * validator cannot use (an unresolvable `$ref`, say) is one problem at the root.
 */
export function validateJson(schema: unknown, value: unknown): SchemaProblem[] {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return [{ path: '', keyword: 'schema', message: 'The schema is not a JSON object.' }]
  }
  try {
    const result = new Validator(schema, draftOf(schema), false).validate(value)
    if (result.valid) return []
    const seen = new Set<string>()
    return specific(result.errors)
      .map((e) => ({ path: pointer(e.instanceLocation), keyword: e.keyword, message: e.error }))
      .filter((p) => {
        const key = `${p.path}\u0000${p.message}`
        if (seen.has(key)) return false
        seen.add(key)
        return true
      })
  } catch (error) {
    return [
      {
        path: '',
        keyword: 'schema',
        message: `The schema could not be used: ${error instanceof Error ? error.message : String(error)}`,
      },
    ]
  }
}
