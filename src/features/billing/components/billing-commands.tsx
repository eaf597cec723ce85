import { Download, Plus } from 'lucide-react'
import { useMemo } from 'react'
import { useRegisterCommands, type PaletteCommand } from '@/components/command-palette'

/** Cmd+K: "Add credits" opens the add-credits form; "Export transactions" downloads the ledger. */
export function BillingCommands({
  onAddCredits,
  onExportTransactions,
}: {
  onAddCredits: () => void
  onExportTransactions: () => void
}) {
  const commands = useMemo<PaletteCommand[]>(
    () => [
      {
        id: 'billing:add-credits',
        label: 'Add credits',
        group: 'Actions',
        icon: Plus,
        keywords: ['billing', 'balance', 'top up', 'pay', 'checkout', 'money'],
        perform: onAddCredits,
      },
      {
        id: 'billing:export-transactions',
        label: 'Export transactions',
        group: 'Actions',
        icon: Download,
        keywords: ['billing', 'ledger', 'csv', 'download', 'credits'],
        perform: onExportTransactions,
      },
    ],
    [onAddCredits, onExportTransactions],
  )
  useRegisterCommands('billing:global', commands)
  return null
}
