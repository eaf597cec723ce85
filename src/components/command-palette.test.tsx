import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { useMemo } from 'react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { CommandPaletteProvider, useRegisterCommands, type PaletteCommand } from './command-palette'

beforeAll(() => {
  // cmdk measures and scrolls items; jsdom lacks both.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
  Element.prototype.scrollIntoView ??= vi.fn()
})
afterEach(cleanup)

function Registers({ perform, isShown = true }: { perform: () => void; isShown?: boolean }) {
  const commands = useMemo<PaletteCommand[]>(
    () => [{ id: 'go:/', label: 'Go to Overview', group: 'Pages', perform }],
    [perform],
  )
  useRegisterCommands('test', isShown ? commands : [])
  return null
}

/** Ctrl+K, then the search box. */
async function openWithCtrlK(): Promise<HTMLElement> {
  act(() => {
    fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
  })
  // the dialog's module (cmdk, Radix) is imported on the first press; transforming it for jsdom
  // can take seconds on a busy machine
  return screen.findByRole('combobox', { name: 'Search pages and actions' }, { timeout: 10_000 })
}

describe('CommandPaletteProvider', () => {
  it('opens with Ctrl+K (loading the dialog on that first press) and runs a command', async () => {
    const perform = vi.fn()
    render(
      <CommandPaletteProvider>
        <Registers perform={perform} />
      </CommandPaletteProvider>,
    )
    expect(screen.queryByRole('dialog')).toBeNull()
    const combobox = await openWithCtrlK()
    expect(combobox).toBeTruthy()
    fireEvent.click(screen.getByRole('option', { name: 'Go to Overview' }))
    expect(perform).toHaveBeenCalledTimes(1)
    expect(screen.queryByRole('dialog')).toBeNull()
  }, 15_000)

  it('opens with Cmd+K too, and drops commands of unmounted sources', async () => {
    const { rerender } = render(
      <CommandPaletteProvider>
        <Registers perform={() => {}} />
      </CommandPaletteProvider>,
    )
    rerender(
      <CommandPaletteProvider>
        <Registers perform={() => {}} isShown={false} />
      </CommandPaletteProvider>,
    )
    act(() => {
      fireEvent.keyDown(window, { key: 'K', metaKey: true })
    })
    expect(
      await screen.findByRole('dialog', { name: 'Command palette' }, { timeout: 10_000 }),
    ).toBeTruthy()
    expect(screen.queryByRole('option', { name: 'Go to Overview' })).toBeNull()
  }, 15_000)

  it('selects the best match, also when it registers after the search was typed', async () => {
    const speak = vi.fn()
    const dark = vi.fn()
    function Late({ isLoaded }: { isLoaded: boolean }) {
      const commands = useMemo<PaletteCommand[]>(
        () => [
          {
            id: 'theme:dark',
            label: 'Switch to dark theme',
            group: 'Theme',
            keywords: ['theme', 'appearance', 'mode', 'dark'],
            perform: dark,
          },
          ...(isLoaded
            ? [{ id: 'speak', label: 'Speak text', group: 'Actions', perform: speak }]
            : []),
        ],
        [isLoaded],
      )
      useRegisterCommands('late', commands)
      return null
    }
    const { rerender } = render(
      <CommandPaletteProvider>
        <Late isLoaded={false} />
      </CommandPaletteProvider>,
    )
    const combobox = await openWithCtrlK()
    fireEvent.change(combobox, { target: { value: 'speak' } })
    rerender(
      <CommandPaletteProvider>
        <Late isLoaded />
      </CommandPaletteProvider>,
    )
    const options = await screen.findAllByRole('option')
    expect(options[0]!.textContent).toBe('Speak text')
    expect(options[0]!.getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(combobox, { key: 'Enter' })
    expect(speak).toHaveBeenCalledTimes(1)
    expect(dark).not.toHaveBeenCalled()
  }, 15_000)
})
