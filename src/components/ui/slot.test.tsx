import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { createRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Button } from './button'
import { Slot } from './slot'

afterEach(cleanup)

describe('Slot', () => {
  it('renders the child with merged props: child wins, both handlers run, classes joined', () => {
    const order: string[] = []
    const ref = createRef<HTMLElement>()
    render(
      <Slot
        ref={ref}
        className="slot-class"
        title="from slot"
        data-slot="x"
        style={{ color: 'red', margin: 1 }}
        onClick={() => order.push('slot')}
      >
        <a
          href="/somewhere"
          className="child-class"
          title="from child"
          style={{ color: 'blue' }}
          onClick={(event) => {
            event.preventDefault()
            order.push('child')
          }}
        >
          Go
        </a>
      </Slot>,
    )
    const link = screen.getByRole('link', { name: 'Go' })
    expect(link.className).toBe('slot-class child-class')
    expect(link.getAttribute('title')).toBe('from child')
    expect(link.getAttribute('data-slot')).toBe('x')
    expect(link.style.color).toBe('blue')
    expect(link.style.margin).toBe('1px')
    fireEvent.click(link)
    expect(order).toEqual(['child', 'slot'])
    expect(ref.current).toBe(link)
  })

  it('composes the slot ref with the child ref', () => {
    const outer = createRef<HTMLElement>()
    const inner = vi.fn()
    render(
      <Slot ref={outer}>
        <span ref={inner}>x</span>
      </Slot>,
    )
    expect(outer.current?.tagName).toBe('SPAN')
    expect(inner).toHaveBeenCalledWith(outer.current)
  })

  it('lets Button render a link with the button styles', () => {
    render(
      <Button asChild variant="outline">
        <a href="/billing">Add credits</a>
      </Button>,
    )
    const link = screen.getByRole('link', { name: 'Add credits' })
    expect(link.getAttribute('data-slot')).toBe('button')
    expect(link.className).toContain('border')
    expect(link.hasAttribute('type')).toBe(false)
  })
})
