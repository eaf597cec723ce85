import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/api-error'
import { cardRefusal } from './card-refusal'

describe('cardRefusal', () => {
  it("reads the card's 403 and 404 as the server words them", () => {
    expect(cardRefusal(new ApiError('forbidden', 'A2A not enabled for this agent', 403))).toEqual({
      title: 'The agent card is not served',
      message: 'A2A not enabled for this agent',
    })
    expect(cardRefusal(new ApiError('not_found', 'Agent not found', 404))).toEqual({
      title: 'No such agent',
      message: 'Agent not found',
    })
  })

  it('leaves every other failure to the usual error state', () => {
    expect(cardRefusal(new ApiError('server', 'boom', 500))).toBeNull()
    expect(cardRefusal(new Error('offline'))).toBeNull()
  })
})
