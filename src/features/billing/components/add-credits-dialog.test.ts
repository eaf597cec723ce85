import { describe, expect, it } from 'vitest'
import { parseAmount } from './add-credits-dialog'

describe('parseAmount', () => {
  it.each([
    ['10', 10],
    ['$12.50', 12.5],
    ['1,000', 1000],
    [' 1 ', 1],
  ])('reads %j as %d', (text, value) => {
    expect(parseAmount(text)).toEqual({ ok: true, value })
  })

  it.each([
    ['', 'Enter an amount in US dollars.'],
    ['ten', 'Enter a number, like 25 or 12.50.'],
    ['-5', 'Enter a number, like 25 or 12.50.'],
    ['0.99', 'The smallest amount is $1.'],
    ['1000.01', 'The largest amount is $1,000.'],
    ['10.005', 'Use at most two decimals (cents).'],
  ])('refuses %j before any request', (text, error) => {
    expect(parseAmount(text)).toEqual({ ok: false, error })
  })
})
