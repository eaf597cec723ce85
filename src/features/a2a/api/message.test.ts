import { describe, expect, it } from 'vitest'
import {
  buildMessageSend,
  buildProductExample,
  buildTasksCancel,
  buildTasksGet,
  emptyValues,
  rewriteToMessageSend,
  skillOfRequest,
  skillOfTask,
  type SkillFormValues,
} from './message'
import { SKILL_CATALOG, skillSpec } from './skill-catalog'

const values = (skill: string, patch: Partial<SkillFormValues> = {}): SkillFormValues => {
  const base = emptyValues(skillSpec(skill))
  return { ...base, ...patch, args: { ...base.args, ...(patch.args ?? {}) } }
}

describe('buildMessageSend', () => {
  it('sends a text part and a data part spelled with `type`, the task id in metadata', () => {
    const { request, problems } = buildMessageSend(
      'chat_completion',
      values('chat_completion', {
        text: '  Summarise our refund policy.  ',
        taskId: 'task-1',
        args: { model: 'openai/gpt-4o-mini', temperature: '0.5', max_tokens: '' },
      }),
      7,
    )
    expect(problems).toEqual({})
    expect(request).toEqual({
      jsonrpc: '2.0',
      method: 'message/send',
      id: 7,
      params: {
        message: {
          role: 'user',
          parts: [
            { type: 'text', text: 'Summarise our refund policy.' },
            {
              type: 'data',
              data: { skill: 'chat_completion', model: 'openai/gpt-4o-mini', temperature: 0.5 },
            },
          ],
        },
        metadata: { taskId: 'task-1' },
      },
    })
    expect(JSON.stringify(request)).not.toContain('"kind"')
  })

  it('fills defaults for empty fields with one, leaves the others out, and sends no metadata without a task id', () => {
    const { request, problems } = buildMessageSend('get_usage', values('get_usage'), 1)
    expect(problems).toEqual({})
    expect(request.params).toEqual({
      message: { role: 'user', parts: [{ type: 'data', data: { skill: 'get_usage', limit: 10 } }] },
    })
    const chat = buildMessageSend('chat_completion', values('chat_completion', { text: 'hi' }), 2)
    const data = (chat.request.params?.message as { parts: { data?: unknown }[] }).parts[1]?.data
    expect(data).toEqual({ skill: 'chat_completion', model: 'gpt-4o' })
  })

  it('refuses missing required fields and numbers out of range before anything is sent', () => {
    expect(buildMessageSend('chat_completion', values('chat_completion'), 1).problems).toEqual({
      text: 'Prompt is required.',
    })
    expect(
      buildMessageSend(
        'chat_completion',
        values('chat_completion', { text: 'x', args: { temperature: '3', max_tokens: '1.5' } }),
        1,
      ).problems,
    ).toEqual({
      temperature: 'Temperature must be between 0 and 2.',
      max_tokens: 'Max tokens must be a whole number.',
    })
    expect(
      buildMessageSend('get_usage', values('get_usage', { args: { limit: '51' } }), 1).problems,
    ).toEqual({ limit: 'Records must be between 1 and 50.' })
    expect(buildMessageSend('image_generation', values('image_generation'), 1).problems).toEqual({
      prompt: 'Image prompt is required.',
    })
    expect(
      buildMessageSend(
        'image_generation',
        values('image_generation', { args: { prompt: 'x'.repeat(4001) } }),
        1,
      ).problems.prompt,
    ).toMatch(/longer than 4,000/)
    expect(
      buildMessageSend('extract_page', values('extract_page', { args: { url: 'example' } }), 1)
        .problems,
    ).toEqual({ url: 'Page URL must be an http or https address.' })
    expect(
      buildMessageSend('check_balance', values('check_balance', { taskId: 'has space' }), 1)
        .problems.taskId,
    ).toMatch(/Task id/)
  })

  it('asks for one of agentId or roomId in chat_with_agent', () => {
    const none = buildMessageSend(
      'chat_with_agent',
      values('chat_with_agent', { args: { message: 'hello' } }),
      1,
    )
    expect(none.problems).toEqual({
      agentId: 'Give Agent id or Room id.',
      roomId: 'Give Agent id or Room id.',
    })
    const ok = buildMessageSend(
      'chat_with_agent',
      values('chat_with_agent', {
        args: { message: 'hello', agentId: '3f6c2a10-8b7d-4e21-9c55-0d1e2f3a4b5c' },
      }),
      1,
    )
    expect(ok.problems).toEqual({})
  })

  it('turns list fields into arrays and sends switches as booleans', () => {
    const { request } = buildMessageSend(
      'extract_page',
      values('extract_page', {
        args: { url: 'https://example.com', formats: 'markdown, html', onlyMainContent: false },
      }),
      1,
    )
    const parts = (request.params?.message as { parts: { data?: unknown }[] }).parts
    expect(parts[0]?.data).toEqual({
      skill: 'extract_page',
      url: 'https://example.com',
      formats: ['markdown', 'html'],
      onlyMainContent: false,
    })
  })

  it('merges the JSON arguments of a skill outside the catalog, and refuses bad JSON', () => {
    const ok = buildMessageSend(
      'new_skill',
      values('new_skill', { argsJson: '{"limit": 5, "skill": "other"}' }),
      1,
    )
    expect(ok.problems).toEqual({})
    const parts = (ok.request.params?.message as { parts: { data?: unknown }[] }).parts
    expect(parts[0]?.data).toEqual({ skill: 'new_skill', limit: 5 })
    expect(
      buildMessageSend('new_skill', values('new_skill', { argsJson: '[1]' }), 1).problems.argsJson,
    ).toMatch(/JSON object/)
    expect(
      buildMessageSend('new_skill', values('new_skill', { argsJson: '{' }), 1).problems.argsJson,
    ).toMatch(/not valid JSON/)
  })

  it('has a label and an explanation for every field of the catalog', () => {
    for (const spec of SKILL_CATALOG) {
      for (const f of spec.fields) {
        expect(f.label.length, `${spec.id}.${f.name}`).toBeGreaterThan(0)
        expect(f.help.length, `${spec.id}.${f.name}`).toBeGreaterThan(10)
      }
    }
  })
})

describe('tasks/get, tasks/cancel and the product description example', () => {
  it('builds tasks/get with an optional history length and tasks/cancel', () => {
    expect(buildTasksGet('t1', undefined, 3)).toEqual({
      jsonrpc: '2.0',
      method: 'tasks/get',
      params: { id: 't1' },
      id: 3,
    })
    expect(buildTasksGet('t1', 2, 4).params).toEqual({ id: 't1', historyLength: 2 })
    expect(buildTasksCancel('t1', 5)).toEqual({
      jsonrpc: '2.0',
      method: 'tasks/cancel',
      params: { id: 't1' },
      id: 5,
    })
  })

  it('sends the example as written and rewrites it to message/send with the id in metadata', () => {
    const example = buildProductExample(9)
    expect(example.method).toBe('tasks/send')
    expect(example.params?.id).toBe('task-123')
    const fixed = rewriteToMessageSend(example, 10)
    expect(fixed).toEqual({
      jsonrpc: '2.0',
      method: 'message/send',
      id: 10,
      params: {
        message: example.params?.message,
        metadata: { taskId: 'task-123' },
      },
    })
  })

  it('names the skill of a request and of a stored task', () => {
    const { request } = buildMessageSend('check_balance', values('check_balance'), 1)
    expect(skillOfRequest(request)).toBe('check_balance')
    expect(skillOfRequest(buildTasksGet('x', undefined, 1))).toBeUndefined()
    expect(skillOfRequest(rewriteToMessageSend(buildProductExample(1), 2))).toBe('chat_completion')
    expect(
      skillOfTask({
        history: [{ role: 'user', parts: [{ type: 'data', data: { skill: 'get_usage' } }] }],
      }),
    ).toBe('get_usage')
    expect(
      skillOfTask({ history: [{ role: 'user', parts: [{ type: 'text', text: 'hi' }] }] }),
    ).toBe('chat_completion')
    expect(skillOfTask({})).toBeUndefined()
  })
})
