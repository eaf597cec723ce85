// Split for the bundle: the features' commands load at the palette's first open (__root.tsx).
import { useNavigate } from '@tanstack/react-router'
import { useCallback } from 'react'
import { A2aCommands } from '@/features/a2a/components/a2a-commands'
import { AgentCommands } from '@/features/agents/components/agent-commands'
import { BillingCommands } from '@/features/billing/components/billing-commands'
import { KeyCommands } from '@/features/api-keys/components/key-commands'
import { BillingExtrasCommands } from '@/features/billing/components/billing-extras-commands'
import { ChatCommands } from '@/features/chat/components/chat-commands'
import { KnowledgeCommands } from '@/features/knowledge/components/knowledge-commands'
import { ContainerCommands } from '@/features/containers/components/container-commands'
import { ImageCommands } from '@/features/media/image/components/image-commands'
import { VideoCommands } from '@/features/media/video/components/video-commands'
import { VoiceCommands } from '@/features/media/voice/components/voice-commands'
import { DiscoverCommands } from '@/features/discover/components/discover-commands'
import type { Service } from '@/features/discover/api/schemas'

/** Every feature's palette commands; wires each one's navigation to the route it opens. */
export function PaletteCommands() {
  return (
    <>
      <RootChatCommands />
      <RootAgentCommands />
      <RootKnowledgeCommands />
      <RootImageCommands />
      {/* "New video" navigates by itself to the studio with its Prompt focused. */}
      <VideoCommands />
      <RootVoiceCommands />
      <RootContainerCommands />
      <RootBillingCommands />
      <RootKeyCommands />
      <RootBillingExtrasCommands />
      <RootDiscoverCommands />
      <RootA2aCommands />
    </>
  )
}

// "New chat" and "Chat with <agent>" (the agent list is fetched when the palette first opens).
function RootChatCommands() {
  const navigate = useNavigate()
  const handleNewChat = useCallback(() => void navigate({ to: '/chat' }), [navigate])
  const handleAgent = useCallback(
    (agent: string) => void navigate({ to: '/chat', search: { agent } }),
    [navigate],
  )
  return <ChatCommands onNewChat={handleNewChat} onChatWithAgent={handleAgent} />
}

// "New agent" on every page.
function RootAgentCommands() {
  const navigate = useNavigate()
  const handleNewAgent = useCallback(() => void navigate({ to: '/agents/new' }), [navigate])
  return <AgentCommands onNewAgent={handleNewAgent} />
}

// "Add knowledge": the knowledge page with its file picker focused (#add).
function RootKnowledgeCommands() {
  const navigate = useNavigate()
  const handleAdd = useCallback(() => void navigate({ to: '/knowledge', hash: 'add' }), [navigate])
  return <KnowledgeCommands onAddKnowledge={handleAdd} />
}

// "New image": the image studio, whose Prompt takes focus on every visit.
function RootImageCommands() {
  const navigate = useNavigate()
  const handleNewImage = useCallback(() => void navigate({ to: '/media/image' }), [navigate])
  return <ImageCommands onNewImage={handleNewImage} />
}

// "Speak text": the voice studio with its Text to speak box focused (#speak).
function RootVoiceCommands() {
  const navigate = useNavigate()
  const handleSpeak = useCallback(
    () => void navigate({ to: '/media/voice', hash: 'speak' }),
    [navigate],
  )
  return <VoiceCommands onSpeakText={handleSpeak} />
}

// "Deploy container" and "Go to container <name>" (the list is fetched when the palette first opens).
function RootContainerCommands() {
  const navigate = useNavigate()
  const handleDeploy = useCallback(() => void navigate({ to: '/containers/new' }), [navigate])
  const handleOpen = useCallback(
    (containerId: string) =>
      void navigate({ to: '/containers/$containerId', params: { containerId } }),
    [navigate],
  )
  return <ContainerCommands onDeploy={handleDeploy} onOpen={handleOpen} />
}

// "Add credits" (the billing page with its form open) and "Export transactions" (the ledger,
// exported as the filters in the URL show it).
function RootBillingCommands() {
  const navigate = useNavigate()
  const handleAdd = useCallback(
    () => void navigate({ to: '/billing', hash: 'add-credits' }),
    [navigate],
  )
  const handleExport = useCallback(
    () => void navigate({ to: '/billing/transactions', hash: 'export' }),
    [navigate],
  )
  return <BillingCommands onAddCredits={handleAdd} onExportTransactions={handleExport} />
}

// "Create key": the keys page with its create dialog open (#create).
function RootKeyCommands() {
  const navigate = useNavigate()
  const handleCreate = useCallback(() => void navigate({ to: '/keys', hash: 'create' }), [navigate])
  return <KeyCommands onCreateKey={handleCreate} />
}

// "Invoices", "Pay with x402" and "Price list": the billing sub-pages.
function RootBillingExtrasCommands() {
  const navigate = useNavigate()
  const handleInvoices = useCallback(() => void navigate({ to: '/billing/invoices' }), [navigate])
  const handlePayments = useCallback(() => void navigate({ to: '/billing/payments' }), [navigate])
  const handlePricing = useCallback(() => void navigate({ to: '/billing/pricing' }), [navigate])
  return (
    <BillingExtrasCommands
      onInvoices={handleInvoices}
      onPayments={handlePayments}
      onPricing={handlePricing}
    />
  )
}

// Each public service by name (the directory is fetched when the palette first opens).
function RootDiscoverCommands() {
  const navigate = useNavigate()
  const handleOpen = useCallback(
    (s: Service) =>
      void navigate({
        to: '/discover/$serviceId',
        params: { serviceId: s.id },
        search: { type: s.type, name: s.name },
      }),
    [navigate],
  )
  return <DiscoverCommands onOpen={handleOpen} />
}

// "Send A2A task": the A2A console with its Skill focused (#send).
function RootA2aCommands() {
  const navigate = useNavigate()
  const handleSend = useCallback(() => void navigate({ to: '/a2a', hash: 'send' }), [navigate])
  return <A2aCommands onSendTask={handleSend} />
}
