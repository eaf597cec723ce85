import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { Prism } from 'prism-react-renderer'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MarkdownContent } from './markdown-render'

// The renderer itself (markdown.tsx only loads it lazily).
const Markdown = ({ text }: { text: string }) => <MarkdownContent text={text} isStreaming />

const tokensIn = (el: Element | null | undefined) => [...(el?.querySelectorAll('.token') ?? [])]

describe('code blocks in markdown', () => {
  afterEach(() => {
    cleanup()
    vi.restoreAllMocks()
  })

  // First in the file on purpose: the highlighter chunk is not loaded yet (later tests reuse it).
  it('shows the plain code until the highlighter has loaded, then tokens with the same text', async () => {
    const { container } = render(<Markdown text={'Try:\n```ts\nconst answer = 42\n```'} />)
    const code = container.querySelector('pre code')
    expect(code?.textContent).toBe('const answer = 42')
    expect(tokensIn(code)).toHaveLength(0)

    await waitFor(() => expect(tokensIn(code).length).toBeGreaterThan(0))
    const keyword = code?.querySelector('.token.keyword')
    expect(keyword?.textContent).toBe('const')
    expect(code?.querySelector('.token.number')?.textContent).toBe('42')
    // Same text as the plain block: nothing added, nothing lost.
    expect(code?.textContent).toBe('const answer = 42')
    // Colours come from the theme tokens, so both themes apply.
    expect((keyword as HTMLElement).style.color).toBe('var(--primary)')
  })

  it('labels each block with its language and gives each a Copy code button', async () => {
    const writeText = vi.fn(() => Promise.resolve())
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    render(<Markdown text={'```python\nprint(1)\n```\n\nbetween\n\n```\nplain words\n```'} />)
    expect(screen.getByText('python')).toBeTruthy()
    expect(screen.getByText('text')).toBeTruthy() // a fence without a language
    const buttons = screen.getAllByRole('button', { name: 'Copy code' })
    expect(buttons).toHaveLength(2)
    fireEvent.click(buttons[0] as HTMLElement)
    expect(writeText).toHaveBeenCalledWith('print(1)')
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy()
  })

  it('falls back to plain text for a language the highlighter does not know', async () => {
    const { container } = render(
      <Markdown text={'```js\nlet x = 1\n```\n\n```brainfuck\n++[>+<-]\n```'} />,
    )
    const [known, unknown] = [...container.querySelectorAll('pre code')]
    await waitFor(() => expect(tokensIn(known).length).toBeGreaterThan(0))
    expect(screen.getByText('brainfuck')).toBeTruthy()
    expect(unknown?.textContent).toBe('++[>+<-]')
    expect(tokensIn(unknown)).toHaveLength(0)
  })

  it('renders markup in code as text, never as elements', async () => {
    const evil = '<script>alert(1)</script>\n<img src=x onerror="alert(2)">'
    const { container } = render(<Markdown text={'```html\n' + evil + '\n```'} />)
    const code = container.querySelector('pre code')
    await waitFor(() => expect(tokensIn(code).length).toBeGreaterThan(0))
    expect(container.querySelector('script')).toBeNull()
    expect(container.querySelector('img')).toBeNull()
    expect(code?.textContent).toBe(evil)
    expect(code?.querySelector('.token.tag')).not.toBeNull()
  })

  it('highlights an unterminated block as it grows, re-tokenizing only that block', async () => {
    const head = 'A:\n```ts\nconst a = 1\n```\n\nB:\n```ts\nlet b'
    const { container, rerender } = render(<Markdown text={head} />)
    await waitFor(() =>
      container
        .querySelectorAll('pre code')
        .forEach((c) => expect(tokensIn(c).length).toBeGreaterThan(0)),
    )
    const tokenized: string[] = []
    let isCounting = true
    Prism.hooks.add('before-tokenize', (env) => {
      if (isCounting) tokenized.push(env.code)
    })
    rerender(<Markdown text={head + ' = 2\nb += 1'} />)
    const growing = container.querySelectorAll('pre code')[1]
    expect(growing?.textContent).toBe('let b = 2\nb += 1')
    expect(growing?.querySelector('.token.operator')).not.toBeNull()
    // The closed block above kept its tokens; only the growing one was tokenized again.
    expect(tokenized).toEqual(['let b = 2\nb += 1'])

    // The finished reply replaces the streaming bubble (a new mount): its blocks come from the cache.
    cleanup()
    tokenized.length = 0
    const finished = render(<Markdown text={head + ' = 2\nb += 1\n```'} />)
    const blocks = finished.container.querySelectorAll('pre code')
    expect(tokensIn(blocks[1]).length).toBeGreaterThan(0)
    expect(tokenized).toEqual([])
    isCounting = false
  })
})
