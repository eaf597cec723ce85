import { Coins, FileText, Tags } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'

type BillingExtrasCommandsProps = {
  onInvoices: () => void
  onPayments: () => void
  onPricing: () => void
}

/** Cmd+K: "Invoices", "Pay with x402" (the payments page) and "Price list". */
export function BillingExtrasCommands({
  onInvoices,
  onPayments,
  onPricing,
}: BillingExtrasCommandsProps) {
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'billing:invoices',
        label: 'Invoices',
        group: 'Billing',
        icon: FileText,
        keywords: ['billing', 'invoice', 'receipt', 'pdf', 'purchase'],
        perform: onInvoices,
      },
      {
        id: 'billing:payments',
        label: 'Pay with x402',
        group: 'Billing',
        icon: Coins,
        keywords: ['billing', 'crypto', 'x402', 'usdc', 'wallet', 'payment', 'top up'],
        perform: onPayments,
      },
      {
        id: 'billing:pricing',
        label: 'Price list',
        group: 'Billing',
        icon: Tags,
        keywords: ['billing', 'pricing', 'prices', 'cost', 'rates', 'tokens'],
        perform: onPricing,
      },
    ],
    [onInvoices, onPayments, onPricing],
  )
  useRegisterCommands('billing-extras:global', commands)
  return null
}
