import { describe, expect, it } from 'vitest'
import type { LedgerGroup } from '@/features/billing/api/ledger'
import type { MediaJob } from './job-store'
import { CLOCK_SKEW_MS, deadlineOf, reconcileRuns, type RecoveryRules } from './reconcile'

type Input = { prompt: string; model: string; n?: number }
type Item = { url: string; prompt: string; model: string; createdAt: string }

const rules: RecoveryRules<Input, string[], Item> = {
  matches: (input, item) => item.prompt === input.prompt && item.model === input.model,
  wanted: (input) => input.n ?? 1,
  toResult: (_input, items) => items.map((i) => i.url),
  claimedKeys: (job) => job.result ?? [],
  chargeMatches: (input, d) => /video/i.test(d) && d.includes(input.model),
}

const T0 = Date.parse('2026-04-20T10:00:00Z')
const at = (ms: number) => new Date(T0 + ms).toISOString()

function job(
  id: string,
  patch: Partial<MediaJob<Input, string[]>> = {},
): MediaJob<Input, string[]> {
  return {
    id,
    kind: 'video',
    input: { prompt: 'a boat', model: 'm1' },
    status: 'interrupted',
    startedAt: T0,
    finishedAt: null,
    result: null,
    error: null,
    estimate: null,
    recovery: { state: 'checking', chargeUsd: null, ledgerGroupId: null, isLedgerChecked: false },
    canRetry: true,
    ...patch,
  }
}

const item = (url: string, createdMs: number, prompt = 'a boat', model = 'm1') => ({
  key: url,
  createdAt: T0 + createdMs,
  item: { url, prompt, model, createdAt: at(createdMs) },
})

function group(id: string, createdMs: number, net: number, description: string): LedgerGroup {
  const head = {
    id,
    amount: net,
    type: 'debit',
    description,
    createdAt: at(createdMs),
    isPurchase: false,
    balanceAfter: null,
  }
  return { id, head, settles: [], net }
}

describe('reconcileRuns', () => {
  it('finds an interrupted run in the list and takes its charge from the ledger', () => {
    const patches = reconcileRuns(
      [job('a')],
      [item('/v/1.mp4', 40_000)],
      [group('g1', 200, -0.42, 'Video generation: m1 (reserved)')],
      rules,
      T0 + 45_000,
    )
    expect(patches).toEqual([
      {
        id: 'a',
        patch: {
          status: 'done',
          result: ['/v/1.mp4'],
          finishedAt: T0 + 40_000,
          recovery: { state: 'found', chargeUsd: 0.42, ledgerGroupId: 'g1', isLedgerChecked: true },
        },
      },
    ])
  })

  it('keeps looking until the route limit has passed, then says it is lost with the charge', () => {
    const jobs = [job('a')]
    const ledger = [group('g1', 300, -3.84, 'Video generation: m1 (reserved)')]
    // Before the deadline: still checking, but the ledger's figure is already known.
    expect(reconcileRuns(jobs, [], ledger, rules, deadlineOf(jobs[0]!) - 1)).toEqual([
      {
        id: 'a',
        patch: {
          recovery: {
            state: 'checking',
            chargeUsd: 3.84,
            ledgerGroupId: 'g1',
            isLedgerChecked: true,
          },
        },
      },
    ])
    expect(reconcileRuns(jobs, [], ledger, rules, deadlineOf(jobs[0]!))).toEqual([
      {
        id: 'a',
        patch: {
          recovery: { state: 'lost', chargeUsd: 3.84, ledgerGroupId: 'g1', isLedgerChecked: true },
        },
      },
    ])
  })

  it('never invents a charge: no matching ledger group means null', () => {
    const patches = reconcileRuns(
      [job('a')],
      [],
      [
        group('other-model', 100, -1, 'Video generation: m2 (reserved)'),
        group('image', 100, -1, 'Image generation (1x): m1 (reserved)'),
        group('too-early', -CLOCK_SKEW_MS - 1_000, -1, 'Video generation: m1 (reserved)'),
        group('credit', 100, 10, 'Balance top-up - $10.00'),
      ],
      rules,
      T0 + 10_000_000,
    )
    expect(patches).toEqual([
      {
        id: 'a',
        patch: {
          recovery: { state: 'lost', chargeUsd: null, ledgerGroupId: null, isLedgerChecked: true },
        },
      },
    ])
  })

  it('does not take a result or a charge that another run owns', () => {
    const done = job('done', {
      status: 'done',
      startedAt: T0 - 5_000,
      result: ['/v/1.mp4'],
      recovery: null,
    })
    const patches = reconcileRuns(
      [done, job('a')],
      [item('/v/1.mp4', 30_000), item('/v/2.mp4', 50_000)],
      [
        group('g-done', -4_900, -0.42, 'Video generation: m1 (reserved)'),
        group('g-a', 100, -0.42, 'Video generation: m1 (reserved)'),
      ],
      rules,
      T0 + 60_000,
    )
    expect(patches).toHaveLength(1)
    expect(patches[0]).toMatchObject({
      id: 'a',
      patch: { result: ['/v/2.mp4'], recovery: { ledgerGroupId: 'g-a' } },
    })
  })

  it('two interrupted runs of the same prompt each get their own item, oldest first', () => {
    const patches = reconcileRuns(
      [job('late', { startedAt: T0 + 1_000 }), job('early')],
      [item('/v/b.mp4', 70_000), item('/v/a.mp4', 60_000)],
      null,
      rules,
      T0 + 80_000,
    )
    expect(patches.map((p) => [p.id, p.patch.result])).toEqual([
      ['early', ['/v/a.mp4']],
      ['late', ['/v/b.mp4']],
    ])
  })

  it('takes up to the number of images asked for, and only items made after the start', () => {
    const patches = reconcileRuns(
      [job('a', { input: { prompt: 'a boat', model: 'm1', n: 2 } })],
      [
        item('/i/old.png', -CLOCK_SKEW_MS - 1),
        item('/i/1.png', 5_000),
        item('/i/2.png', 5_000),
        item('/i/3.png', 5_000),
        item('/i/other.png', 5_000, 'another prompt'),
      ],
      null,
      rules,
      T0 + 6_000,
    )
    expect(patches[0]?.patch.result).toEqual(['/i/1.png', '/i/2.png'])
  })

  it('without the lists read yet, changes nothing; speech is lost at once', () => {
    expect(reconcileRuns([job('a')], null, null, rules, T0 + 1_000)).toEqual([])
    const speech = job('s', { kind: 'voice' })
    expect(reconcileRuns([speech], [], null, rules, T0 + 1)).toEqual([
      {
        id: 's',
        patch: {
          recovery: { state: 'lost', chargeUsd: null, ledgerGroupId: null, isLedgerChecked: false },
        },
      },
    ])
  })
})
