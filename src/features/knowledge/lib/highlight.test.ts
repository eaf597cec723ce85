import { describe, expect, it } from 'vitest'
import { highlightSegments, queryTerms } from './highlight'

const marked = (text: string, query: string) =>
  highlightSegments(text, queryTerms(query))
    .filter((s) => s.isMatch)
    .map((s) => s.text)

describe('query highlighting', () => {
  it('keeps meaningful words, stemmed, without stop words', () => {
    expect(queryTerms('How do I deploy the containers?')).toEqual(['container', 'deploy'])
    expect(queryTerms('   ')).toEqual([])
  })

  it('marks words sharing a stem, case-insensitively, and gives the text back unchanged', () => {
    const text = 'Deploying a Container: deploy containers, then redeploy.'
    const segments = highlightSegments(text, queryTerms('deploy container'))
    expect(segments.map((s) => s.text).join('')).toBe(text)
    expect(segments.filter((s) => s.isMatch).map((s) => s.text)).toEqual([
      'Deploying',
      'Container',
      'deploy',
      'containers',
    ])
  })

  it('matches two-letter terms only as whole words, and non-Latin words too', () => {
    expect(marked('AI agents and aids', 'ai')).toEqual(['AI'])
    expect(marked('Überblick über Kosten', 'kosten')).toEqual(['Kosten'])
  })

  it('marks nothing for a query without terms', () => {
    expect(highlightSegments('the text', [])).toEqual([{ text: 'the text', isMatch: false }])
  })
})
