import { CreditCard } from 'lucide-react'
import { useRef, useState, type FormEvent } from 'react'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { cn } from '@/lib/cn'
import { formatUsd } from '@/lib/format'
import { useStartCheckout } from '../api/mutations'
import { CHECKOUT_LIMITS, checkoutAmountInput } from '../api/schemas'

/** Quick picks; any amount within the server's range can be typed (docs/billing.md §Checkout). */
export const CHECKOUT_PRESETS = [5, 10, 25, 50, 100] as const

/** Reads the Amount box: `$12.50`, `12.5`, `1,000` → a number, or a message to show. */
export function parseAmount(
  text: string,
): { ok: true; value: number } | { ok: false; error: string } {
  const cleaned = text.replace(/[$,\s]/g, '')
  if (!cleaned) return { ok: false, error: 'Enter an amount in US dollars.' }
  if (!/^\d+(\.\d+)?$/.test(cleaned))
    return { ok: false, error: 'Enter a number, like 25 or 12.50.' }
  const parsed = checkoutAmountInput.safeParse(Number(cleaned))
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues[0]?.message ?? 'Invalid amount.' }
  return { ok: true, value: parsed.data }
}

type AddCreditsDialogProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** Where the checkout page sends the browser back to (must be on the server's allow-list). */
  returnUrls: { success: string; cancel: string }
  /** Shown under the form when the return goes elsewhere (the cloud's allow-list). */
  returnNote?: string
  /** Opens the checkout page; the browser leaves the console. */
  onRedirect: (url: string) => void
}

/**
 * "Add credits": a preset or a typed USD amount, checked against the server's range before any
 * request, then one checkout session. Once a session is created the button stays busy until the
 * browser has left, and a second click never starts a second one.
 */
export function AddCreditsDialog({
  open,
  onOpenChange,
  returnUrls,
  returnNote,
  onRedirect,
}: AddCreditsDialogProps) {
  const [text, setText] = useState('10')
  const [fieldError, setFieldError] = useState<string | undefined>()
  const [isLeaving, setIsLeaving] = useState(false)
  const startedRef = useRef(false)
  const checkout = useStartCheckout()

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault()
    if (startedRef.current) return
    const amount = parseAmount(text)
    if (!amount.ok) {
      setFieldError(amount.error)
      return
    }
    setFieldError(undefined)
    startedRef.current = true
    try {
      const session = await checkout.mutateAsync({
        credits: amount.value,
        success_url: returnUrls.success,
        cancel_url: returnUrls.cancel,
      })
      setIsLeaving(true)
      onRedirect(session.url)
    } catch {
      // Shown below; the amount stays and a new attempt may start.
      startedRef.current = false
    }
  }

  const isBusy = checkout.isPending || isLeaving
  const current = parseAmount(text)

  return (
    <Dialog open={open} onOpenChange={(next) => (isBusy ? null : onOpenChange(next))}>
      <DialogContent closeLabel={isBusy ? null : 'Close'}>
        <DialogHeader>
          <DialogTitle>Add credits</DialogTitle>
          <DialogDescription>
            Pay by card on the checkout page; the amount is added to your balance in US dollars.
          </DialogDescription>
        </DialogHeader>
        <form noValidate onSubmit={(e) => void handleSubmit(e)} className="grid gap-4">
          <fieldset className="grid gap-2" disabled={isBusy}>
            <legend className="mb-2 text-sm font-medium">Quick amounts</legend>
            <div className="flex flex-wrap gap-2">
              {CHECKOUT_PRESETS.map((preset) => {
                const isSelected = current.ok && current.value === preset
                return (
                  <Button
                    key={preset}
                    type="button"
                    variant={isSelected ? 'default' : 'outline'}
                    size="sm"
                    aria-pressed={isSelected}
                    onClick={() => {
                      setText(String(preset))
                      setFieldError(undefined)
                    }}
                  >
                    {formatUsd(preset)}
                  </Button>
                )
              })}
            </div>
          </fieldset>
          <Field
            label="Amount"
            description={`US dollars, ${formatUsd(CHECKOUT_LIMITS.min)} to ${formatUsd(CHECKOUT_LIMITS.max)}, charged to the cent.`}
            error={fieldError}
          >
            <Input
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={text}
              disabled={isBusy}
              onChange={(e) => {
                setText(e.target.value)
                if (fieldError) setFieldError(undefined)
              }}
            />
          </Field>
          {returnNote ? <p className="text-sm text-muted-foreground">{returnNote}</p> : null}
          {checkout.isError ? <ErrorState error={checkout.error} /> : null}
          <DialogFooter>
            <Button
              type="button"
              variant="outline"
              disabled={isBusy}
              onClick={() => onOpenChange(false)}
            >
              Cancel
            </Button>
            <Button type="submit" pending={isBusy} className={cn(isLeaving && 'cursor-progress')}>
              <CreditCard aria-hidden />
              {isLeaving ? 'Opening checkout…' : 'Checkout'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  )
}
