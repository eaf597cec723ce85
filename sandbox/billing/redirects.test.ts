// The checkout redirect allow-list (docs/cloud/billing.md §4) and the loopback extension.
import { describe, expect, it } from 'vitest'
import { isAllowedRedirect, withSessionId } from './redirects.ts'

const strict = { ownOrigin: 'http://127.0.0.1:8787', allowLoopback: false }
const extended = { ...strict, allowLoopback: true }

describe('isAllowedRedirect', () => {
  it('accepts the cloud’s fixed origins and the deployment’s own, with any path and query', () => {
    for (const url of [
      'http://localhost:3000/billing?ok=1',
      'http://127.0.0.1:3001/',
      'https://milady.ai/x',
      'https://www.milady.ai',
      'https://app.milady.ai/credits#done',
      'http://127.0.0.1:8787/dashboard',
    ]) {
      expect(isAllowedRedirect(url, strict), url).toBe(true)
    }
  })

  it('refuses other origins, credentials, other schemes and non-URLs', () => {
    for (const url of [
      'http://127.0.0.1:4000/billing',
      'https://localhost:3000/',
      'http://localhost:3002/',
      'https://evil.example/',
      'https://milady.ai.evil.example/',
      'http://user:pw@localhost:3000/',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAllowedRedirect(url, strict), url).toBe(false)
    }
  })

  it('allows any loopback http port only with the extension', () => {
    for (const url of ['http://127.0.0.1:4000/billing', 'http://localhost:5173/x']) {
      expect(isAllowedRedirect(url, extended), url).toBe(true)
      expect(isAllowedRedirect(url, strict), url).toBe(false)
    }
    expect(isAllowedRedirect('https://127.0.0.1:4000/', extended)).toBe(false)
    expect(isAllowedRedirect('http://127.0.0.2:4000/', extended)).toBe(false)
    expect(isAllowedRedirect('http://a:b@127.0.0.1:4000/', extended)).toBe(false)
  })
})

describe('withSessionId', () => {
  it('adds session_id to the query and keeps what is there', () => {
    expect(withSessionId('http://localhost:3000/billing?tab=credits#top', 'cs_test_1')).toBe(
      'http://localhost:3000/billing?tab=credits&session_id=cs_test_1#top',
    )
    expect(withSessionId('http://localhost:3000/', 'cs_test_2')).toBe(
      'http://localhost:3000/?session_id=cs_test_2',
    )
  })
})
