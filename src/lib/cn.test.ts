import { describe, expect, it } from 'vitest'

import { cn } from './cn'

describe('cn', () => {
  it('joins conditional classes and lets the last Tailwind class win', () => {
    const isWide = true
    const isHidden = false
    expect(cn('px-2 py-1', isWide && 'px-4', isHidden && 'hidden', { 'font-bold': true })).toBe(
      'py-1 px-4 font-bold',
    )
    expect(cn('bg-primary text-sm', undefined, ['text-lg'])).toBe('bg-primary text-lg')
  })

  it.each([
    // [defaults, override, expected]
    ['p-6', 'p-0', 'p-0'],
    ['px-4 py-2', 'p-1', 'p-1'],
    ['p-4', 'px-2', 'p-4 px-2'],
    ['mx-2 ml-1', 'm-0', 'm-0'],
    ['-ml-2', 'ml-2', 'ml-2'],
    ['h-9 w-full', 'size-8', 'size-8'],
    ['min-w-40 max-w-lg', 'min-w-0 sm:max-w-xl', 'max-w-lg min-w-0 sm:max-w-xl'],
    ['gap-x-2 gap-y-1', 'gap-4', 'gap-4'],
    ['top-[50%] translate-y-[-50%]', 'top-[12vh] translate-y-0', 'top-[12vh] translate-y-0'],
    ['inset-0', 'inset-y-0 left-0', 'inset-0 inset-y-0 left-0'],
    ['overflow-y-auto', 'overflow-hidden', 'overflow-hidden'],
    ['flex', 'hidden', 'hidden'],
    ['hidden sm:flex', 'block', 'sm:flex block'],
    ['relative', 'fixed', 'fixed'],
    ['flex-row flex-wrap', 'flex-col', 'flex-wrap flex-col'],
    ['shrink-0 grow', 'flex-1', 'flex-1'],
    ['justify-center items-start', 'justify-start', 'items-start justify-start'],
    ['grid-cols-2', 'grid-cols-[auto_1fr]', 'grid-cols-[auto_1fr]'],
    ['text-sm text-foreground', 'text-muted-foreground', 'text-sm text-muted-foreground'],
    ['text-foreground text-sm', 'text-[15px]', 'text-foreground text-[15px]'],
    ['text-left', 'text-center', 'text-center'],
    ['leading-5 text-lg', 'text-sm', 'text-sm'],
    ['text-sm', 'leading-5', 'text-sm leading-5'],
    ['font-medium font-sans', 'font-normal', 'font-sans font-normal'],
    ['bg-card hover:bg-accent', 'bg-primary/90', 'hover:bg-accent bg-primary/90'],
    ['border border-border', 'border-destructive/40', 'border border-destructive/40'],
    ['border-2', 'border-0', 'border-0'],
    ['border-t border-b', 'border', 'border'],
    ['border-dashed', 'border-solid', 'border-solid'],
    ['rounded-md rounded-t-none', 'rounded-full', 'rounded-full'],
    ['rounded-full', 'rounded-t-none', 'rounded-full rounded-t-none'],
    ['shadow-card', 'shadow-none', 'shadow-none'],
    ['ring-2 ring-ring', 'ring-0', 'ring-ring ring-0'],
    [
      'ring-offset-2 ring-offset-background',
      'ring-offset-0',
      'ring-offset-background ring-offset-0',
    ],
    [
      'outline-none outline-2 outline-ring',
      'outline-hidden',
      'outline-2 outline-ring outline-hidden',
    ],
    ['z-50', 'z-[60]', 'z-[60]'],
    ['opacity-50', 'opacity-90', 'opacity-90'],
    [
      'data-[state=open]:animate-zoom-in',
      'data-[state=open]:animate-fade-in',
      'data-[state=open]:animate-fade-in',
    ],
    ['animate-pulse', 'animate-none', 'animate-none'],
    ['transition-colors', 'transition-none', 'transition-none'],
    ['whitespace-nowrap', 'whitespace-normal', 'whitespace-normal'],
    ['break-words', 'break-all', 'break-all'],
    ['uppercase', 'normal-case', 'normal-case'],
    ['sr-only', 'not-sr-only', 'not-sr-only'],
    ['cursor-default select-none', 'cursor-pointer', 'select-none cursor-pointer'],
    ['scroll-mt-4', 'scroll-mt-20', 'scroll-mt-20'],
    ['backdrop-blur', 'backdrop-blur-[2px]', 'backdrop-blur-[2px]'],
    ['[mask-type:luminance]', '[mask-type:alpha]', '[mask-type:alpha]'],
    ['px-4', 'px-3!', 'px-4 px-3!'],
  ])('%s + %s → %s', (defaults, override, expected) => {
    expect(cn(defaults, override)).toBe(expected)
  })

  it('keeps variants apart, including ones with colons inside brackets', () => {
    expect(cn('hover:bg-accent focus-visible:ring-2', 'bg-card')).toBe(
      'hover:bg-accent focus-visible:ring-2 bg-card',
    )
    expect(cn("[&_svg:not([class*='size-'])]:size-4", '[&_svg]:size-5')).toBe(
      "[&_svg:not([class*='size-'])]:size-4 [&_svg]:size-5",
    )
    expect(cn('[&>svg]:size-4', '[&>svg]:size-3')).toBe('[&>svg]:size-3')
    expect(cn('sm:px-4', 'sm:px-6 md:px-8')).toBe('sm:px-6 md:px-8')
  })

  it('leaves classes of unknown groups alone', () => {
    // (held in variables: Prettier's Tailwind plugin reorders literals passed to cn)
    const defaults = 'tabular-nums col-start-2 my-class'
    const override = 'tabular-nums other'
    expect(cn(defaults, override)).toBe('tabular-nums col-start-2 my-class tabular-nums other')
    expect(cn('bg-cover', 'bg-card')).toBe('bg-cover bg-card')
  })

  it('overrides the outline button for the header search field', () => {
    const outline =
      'inline-flex shrink-0 items-center justify-center gap-2 rounded-md text-sm font-medium border border-border bg-card text-foreground shadow-card hover:bg-accent h-9 px-4'
    const caller =
      'hidden h-9 w-full max-w-72 justify-start gap-2 px-3 font-normal text-muted-foreground shadow-none sm:flex'
    expect(cn(outline, caller).split(' ').sort()).toEqual(
      'shrink-0 items-center rounded-md text-sm border border-border bg-card hover:bg-accent hidden h-9 w-full max-w-72 justify-start gap-2 px-3 font-normal text-muted-foreground shadow-none sm:flex'
        .split(' ')
        .sort(),
    )
  })
})
