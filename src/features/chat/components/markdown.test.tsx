import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Markdown, parseBlocks } from './markdown'

describe('parseBlocks', () => {
  it('keeps an unterminated fence as code to the end (a reply mid-stream)', () => {
    expect(parseBlocks('Here:\n```ts\nconst a = 1\nconst b')).toEqual([
      { kind: 'paragraph', text: 'Here:' },
      { kind: 'code', lang: 'ts', text: 'const a = 1\nconst b' },
    ])
  })

  it('reads headings, lists and paragraphs', () => {
    expect(parseBlocks('# Title\n\n- one\n- two\n\n1. a\n2. b\n\ntext')).toEqual([
      { kind: 'heading', level: 1, text: 'Title' },
      { kind: 'list', ordered: false, items: ['one', 'two'] },
      { kind: 'list', ordered: true, items: ['a', 'b'] },
      { kind: 'paragraph', text: 'text' },
    ])
  })
})

describe('Markdown', () => {
  afterEach(cleanup)

  it('renders emphasis, inline code and safe links as elements', () => {
    render(<Markdown text="Use **bold**, *em* and `code`. See [docs](https://example.com)." />)
    expect(screen.getByText('bold').tagName).toBe('STRONG')
    expect(screen.getByText('em').tagName).toBe('EM')
    expect(screen.getByText('code').tagName).toBe('CODE')
    expect(screen.getByRole('link', { name: 'docs' })).toHaveProperty(
      'href',
      'https://example.com/',
    )
  })

  it('never follows javascript: links and shows raw HTML as text', () => {
    const { container } = render(
      <Markdown text={'[click](javascript:alert(1)) <img src=x onerror="alert(1)">'} />,
    )
    expect(screen.queryByRole('link')).toBeNull()
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toContain('<img src=x onerror="alert(1)">')
  })
})
