import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Markdown } from './markdown'
import { completeForStreaming, MarkdownContent, splitBlocks } from './markdown-render'

const md = (text: string, isStreaming = false) =>
  render(<MarkdownContent text={text} isStreaming={isStreaming} />)

describe('MarkdownContent', () => {
  afterEach(cleanup)

  it('renders emphasis, inline code and safe links as elements', () => {
    md('Use **bold**, *em* and `code`. See [docs](https://example.com).')
    expect(screen.getByText('bold').tagName).toBe('STRONG')
    expect(screen.getByText('em').tagName).toBe('EM')
    expect(screen.getByText('code').tagName).toBe('CODE')
    const link = screen.getByRole('link', { name: 'docs' })
    expect(link).toHaveProperty('href', 'https://example.com/')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(link.getAttribute('target')).toBe('_blank')
  })

  it('never follows javascript: links and shows raw HTML as text', () => {
    const { container } = md('[click](javascript:alert(1)) <img src=x onerror="alert(1)">')
    expect(screen.queryByRole('link')).toBeNull()
    expect(screen.getByText('click')).toBeTruthy()
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">')
  })

  it('does not load images from a reply: it links to them', () => {
    const { container } = md('![a cat](https://example.com/cat.png)')
    expect(container.querySelector('img')).toBeNull()
    expect(screen.getByRole('link', { name: 'Image: a cat' })).toHaveProperty(
      'href',
      'https://example.com/cat.png',
    )
  })

  it('renders a GFM table as a table, in a box that scrolls sideways', () => {
    md(
      'Compared:\n\n| Aspect | A | B |\n| --- | --- | --- |\n| Speed | fast | slow |\n| Cost | low | high |',
    )
    const table = screen.getByRole('table')
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Aspect', 'A', 'B'])
    expect(within(table).getAllByRole('row')).toHaveLength(3)
    expect(within(table).getByRole('cell', { name: 'slow' })).toBeTruthy()
    expect(table.parentElement?.className).toContain('overflow-x-auto')
  })

  it('nests lists: sub-steps are a list inside their step', () => {
    md('1. Plan\n   - Goal\n   - Budget\n2. Build\n   - Code\n     - Tests')
    const lists = screen.getAllByRole('list')
    const outer = lists[0] as HTMLElement
    expect(outer.tagName).toBe('OL')
    const steps = within(outer)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === outer)
    expect(steps).toHaveLength(2)
    const sub = within(steps[0] as HTMLElement).getByRole('list')
    expect(sub.tagName).toBe('UL')
    expect(
      within(sub)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Goal', 'Budget'])
    // Three levels deep.
    const tests = screen.getByText('Tests').closest('ul')
    expect(tests?.parentElement?.closest('ul')?.parentElement?.closest('ol')).toBe(outer)
  })

  it('renders task lists with read-only, labelled checkboxes', () => {
    md('- [x] Write tests\n- [ ] Ship')
    const boxes = screen.getAllByRole('checkbox')
    expect(boxes.map((b) => (b as HTMLInputElement).checked)).toEqual([true, false])
    expect(boxes.every((b) => (b as HTMLInputElement).disabled)).toBe(true)
    expect(screen.getByRole('checkbox', { name: 'Done' })).toBeTruthy()
  })

  it('keeps an unterminated fence as code to the end (a reply mid-stream)', () => {
    const { container } = md('Here:\n```ts\nconst a = 1\nconst b', true)
    expect(container.querySelector('p')?.textContent).toBe('Here:')
    expect(container.querySelector('pre code')?.textContent).toBe('const a = 1\nconst b')
  })

  it('shows a half-streamed table as a table', () => {
    md('| Aspect | A |\n| --', true)
    expect(screen.getByRole('table')).toBeTruthy()
    expect(screen.getAllByRole('columnheader')).toHaveLength(2)
    // A finished message is rendered as written.
    cleanup()
    md('| Aspect | A |\n| --')
    expect(screen.queryByRole('table')).toBeNull()
  })
})

describe('completeForStreaming', () => {
  it('completes a delimiter row being typed under a header row, and nothing else', () => {
    expect(completeForStreaming('| a | b |\n|--')).toBe('| a | b |\n| --- | --- |')
    expect(completeForStreaming('| a | b |\n')).toBe('| a | b |\n')
    expect(completeForStreaming('text\n- item')).toBe('text\n- item')
    expect(completeForStreaming('a\n---')).toBe('a\n---')
    expect(completeForStreaming('| a |\n| --- |\n| 1 |')).toBe('| a |\n| --- |\n| 1 |')
  })
})

describe('splitBlocks', () => {
  it('splits at top-level blocks, never inside a fence, a list or a table', () => {
    expect(
      splitBlocks('One.\n\nTwo.\n\n- a\n\n  - b\n\n| x |\n| - |\n\n```\n\nin fence\n```'),
    ).toEqual(['One.\n', 'Two.\n\n- a\n\n  - b\n\n| x |\n| - |\n', '```\n\nin fence\n```'])
  })

  it('keeps a reply with reference links in one piece', () => {
    const text = 'See [docs][1].\n\nMore.\n\n[1]: https://example.com'
    expect(splitBlocks(text)).toEqual([text])
  })
})

describe('Markdown (lazy)', () => {
  afterEach(cleanup)

  it('shows the text at once, then the formatted reply when the renderer has loaded', async () => {
    const { container } = render(<Markdown text={'**bold** and a list:\n\n- one'} />)
    expect(container.textContent).toContain('**bold**')
    expect((await screen.findByText('bold')).tagName).toBe('STRONG')
    expect(screen.getByRole('listitem').textContent).toBe('one')
  })
})
