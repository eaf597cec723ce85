import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Bot, Columns3, History, MessagesSquare, SlidersHorizontal } from 'lucide-react'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { Button } from '@/components/ui/button'
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetTitle,
  SheetTrigger,
} from '@/components/ui/sheet'
import { Skeleton } from '@/components/ui/skeleton'
import { agentListQuery } from '@/features/agents/api/queries'
import { billingKeys } from '@/features/billing/api/keys'
import { BalanceNote } from '@/components/balance-note'
import { balanceQuery } from '@/features/billing/api/queries'
import { consoleInfoQuery } from '@/api/console-info/queries'
import { useDraft } from '@/lib/use-draft'
import {
  conversationToJson,
  conversationToMarkdown,
  targetLabel,
  type ChatTarget,
  type Conversation,
} from '../storage/conversations'
import { chatKeys } from '../api/keys'
import { useDeleteConversation, useRenameConversation } from '../api/mutations'
import { conversationListQuery, modelListQuery } from '../api/queries'
import type { SessionHooks } from '../session/chat-session'
import { buildRequest } from '../session/chat-session'
import { paramsProblem } from '../lib/tools'
import { codeTargetFor, completionSamples, roomSamples } from '../lib/view-code'
import { CLOUD_ORIGIN } from '@/lib/code-samples'
import { DEFAULT_OUTPUT_ESTIMATE, costUsd, estimatePromptTokens } from '../lib/pricing'
import {
  forgetSession,
  peekSession,
  useChatSession,
  useSessionSelector,
} from '../hooks/use-chat-session'
import { CompareDialog } from './compare-dialog'
import { Composer, type RequestEstimate } from './composer'
import { ConversationList } from './conversation-list'
import { MessageLog } from './message-log'
import { ParamsPanel } from './params-panel'
import { StreamInspector } from './stream-inspector'
import { TargetPicker, modelFacts, type AgentOption } from './target-picker'
import { preloadReplyRenderers } from './markdown'
import { ViewCodeDialog } from '@/components/view-code-dialog'
import { ToolbarButton } from '@/components/toolbar-button'

/** The agents the picker offers: the most recently updated first. */
export const PICKER_AGENT_PARAMS = { limit: 100, sortBy: 'updated', order: 'desc' } as const

/** Composer drafts: `<prefix><conversation id>`, or `<prefix>new` for a chat not saved yet. */
const DRAFT_PREFIX = 'eliza-console:chat-draft:'

type ChatPlaygroundProps = {
  initial: Conversation
  /** A new chat lives at /chat until its first message is accepted. */
  isNew: boolean
  hrefFor: (id: string) => string
  /** The new chat was saved: show it at its own URL. */
  onStarted: (id: string) => void
  onOpen: (id: string) => void
  onNewChat: () => void
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  window.setTimeout(() => URL.revokeObjectURL(url), 1000)
}

function fileName(c: Conversation, ext: string) {
  const slug =
    c.title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'chat'
  return `${slug.slice(0, 50)}.${ext}`
}

export function ChatPlayground({
  initial,
  isNew,
  hrefFor,
  onStarted,
  onOpen,
  onNewChat,
}: ChatPlaygroundProps) {
  const queryClient = useQueryClient()
  const models = useQuery(modelListQuery())
  const agents = useQuery(agentListQuery(PICKER_AGENT_PARAMS))
  const conversations = useQuery(conversationListQuery())
  // The proxy says whether the upstream honours the sandbox's extensions (strict = cloud-faithful).
  const info = useQuery(consoleInfoQuery())
  const rename = useRenameConversation()
  const remove = useDeleteConversation()

  const modelsRef = useRef(models.data)
  useEffect(() => {
    modelsRef.current = models.data
  }, [models.data])
  const isNewRef = useRef(isNew)
  const onStartedRef = useRef(onStarted)
  useEffect(() => {
    isNewRef.current = isNew
    onStartedRef.current = onStarted
  }, [isNew, onStarted])

  const hooks = useMemo<SessionHooks>(
    () => ({
      modelFor: (id) => modelsRef.current?.find((m) => m.id === id),
      // A reply spends credits (docs/architecture.md §5): the balance is stale now.
      onSettled: () => void queryClient.invalidateQueries({ queryKey: billingKeys.balance() }),
      onSaved: (c) => {
        queryClient.setQueryData(chatKeys.conversation(c.id), c)
        void queryClient.invalidateQueries({ queryKey: chatKeys.conversationLists() })
        if (isNewRef.current) {
          isNewRef.current = false
          onStartedRef.current(c.id)
        }
      },
    }),
    [queryClient],
  )
  const session = useChatSession(initial, hooks)
  const conversation = useSessionSelector(session, (s) => s.conversation)
  const status = useSessionSelector(session, (s) => s.status)
  const error = useSessionSelector(session, (s) => s.error)
  const failedBeforeReply = useSessionSelector(session, (s) => s.failedBeforeReply)
  const draft = useDraft(DRAFT_PREFIX + (isNew ? 'new' : conversation.id))
  const draftRef = useRef(draft.value)
  useEffect(() => {
    draftRef.current = draft.value
  }, [draft.value])
  // The send callbacks change the draft and may read it again before React renders (a 402 can
  // come back before the box is re-rendered empty): keep the ref in step at once.
  const { change: changeDraft, flush: flushDraft } = draft
  const setDraft = useCallback(
    (next: string) => {
      draftRef.current = next
      changeDraft(next)
      flushDraft()
    },
    [changeDraft, flushDraft],
  )

  const { target, params, messages } = conversation
  // The reply renderers (markdown, then the code highlighter) load once there is something to
  // format: a saved conversation, or the first keystroke of a new one. Opening an empty chat
  // fetches and compiles neither (on a phone they were the page's longest tasks).
  const needsRenderers = messages.length > 0 || draft.value !== ''
  useEffect(() => (needsRenderers ? preloadReplyRenderers() : undefined), [needsRenderers])
  const model =
    target.kind === 'model' ? models.data?.find((m) => m.id === target.modelId) : undefined
  const agentOptions = useMemo<AgentOption[]>(
    () => agents.data?.agents.map((a) => ({ id: a.id, name: a.name })) ?? [],
    [agents.data],
  )

  // A chat opened with ?agent=<id> learns the agent's name once the list is in.
  useEffect(() => {
    if (target.kind !== 'agent') return
    const found = agentOptions.find((a) => a.id === target.agentId)
    if (found && found.name !== target.agentName) {
      session.setTarget({ ...target, agentName: found.name })
    }
  }, [agentOptions, target, session])

  // A new chat on the default model switches to the catalog's first model if that one is missing.
  useEffect(() => {
    if (target.kind !== 'model' || !models.data || messages.length > 0) return
    const first = models.data[0]
    if (first && !models.data.some((m) => m.id === target.modelId)) {
      session.setTarget({ kind: 'model', modelId: first.id })
    }
  }, [models.data, target, messages.length, session])

  const isStreaming = status === 'streaming'
  const handleSend = useCallback(() => {
    const text = draft.value
    if (!text.trim()) return
    draft.flush()
    void session.send(text, {
      // Saved with the conversation (or taken by the cloud): one copy is enough.
      onKept: () => setDraft(''),
      // Refused before any reply: the text goes back to the box, before anything typed since.
      onRefused: (refused) => {
        const typed = draftRef.current
        setDraft(typed.trim() ? `${refused}\n\n${typed}` : refused)
      },
    })
  }, [draft, session, setDraft])

  const handleRegenerate = useCallback(() => void session.regenerate(), [session])
  const handleStop = useCallback(() => session.stop(), [session])
  const handleTarget = useCallback((next: ChatTarget) => session.setTarget(next), [session])
  const handleEdit = useCallback(
    (id: string, text: string) => void session.editAndResend(id, text),
    [session],
  )
  const handleToolResults = useCallback(
    (results: { id: string; name: string; content: string }[]) =>
      void session.submitToolResults(results),
    [session],
  )
  const handleVersion = useCallback(
    (at: number, index: number) => session.showVersion(at, index),
    [session],
  )

  const estimate = useMemo<RequestEstimate | null>(() => {
    if (target.kind !== 'model') return null
    // Per keystroke: the saved messages are estimated once each (cached), the draft again.
    const tokens = estimatePromptTokens(
      messages.filter((m) => m.content),
      [params.system.trim() ? params.system : '', draft.value, params.tools?.trim() ?? ''],
    )
    const output = params.maxTokens ?? DEFAULT_OUTPUT_ESTIMATE
    return {
      tokens,
      contextWindow: model?.contextWindow ?? null,
      costUsd: costUsd(model, tokens, output),
    }
  }, [target, params, messages, draft.value, model])

  // The proxy names the variable its key comes from; the browser never knows the key itself.
  const keyVariable = info.data?.keyVariable ?? null
  // On the sandbox, the code calls this console's proxy (the sandbox's address is internal).
  const upstreamKind = info.data?.upstream.kind ?? null
  const codeTarget = useMemo(
    () =>
      keyVariable === null || upstreamKind === null
        ? null
        : codeTargetFor(upstreamKind, keyVariable, window.location.origin),
    [keyVariable, upstreamKind],
  )
  const codeSamples = useCallback(() => {
    if (codeTarget === null) return []
    const text = draft.value.trim() ? draft.value : 'Hello!'
    if (target.kind === 'agent') return roomSamples(target.agentId, text, codeTarget)
    return completionSamples(
      buildRequest(target.modelId, params, [...messages, { role: 'user', content: text }]),
      codeTarget,
    )
  }, [draft.value, target, params, messages, codeTarget])

  const handleRename = async (id: string, title: string) => {
    await rename.mutateAsync({ id, title })
    peekSession(id)?.setTitle(title)
  }
  const handleDelete = async (id: string) => {
    await remove.mutateAsync(id)
    forgetSession(id)
    if (id === conversation.id) onNewChat()
  }
  const handleExport = (c: Conversation, format: 'json' | 'markdown') => {
    const live = peekSession(c.id)?.getState().conversation ?? c
    if (format === 'json')
      download(fileName(live, 'json'), 'application/json', conversationToJson(live))
    else download(fileName(live, 'md'), 'text/markdown', conversationToMarkdown(live))
  }

  const list = (
    <ConversationList
      conversations={conversations.data}
      activeId={isNew ? null : conversation.id}
      hrefFor={hrefFor}
      onOpen={onOpen}
      onNew={onNewChat}
      onRename={handleRename}
      onDelete={handleDelete}
      onExport={handleExport}
    />
  )
  const name = targetLabel(target)

  return (
    <div className="flex h-[calc(100dvh-6.5rem)] min-h-[30rem] gap-4 md:h-[calc(100dvh-7.5rem)]">
      <aside className="hidden w-64 shrink-0 flex-col lg:flex">{list}</aside>
      <section
        aria-labelledby="chat-title"
        className="flex min-w-0 flex-1 flex-col overflow-hidden rounded-xl border bg-card/40"
      >
        <header className="flex flex-wrap items-center gap-2 border-b px-3 py-2.5 sm:px-4">
          <h1 id="chat-title" className="sr-only">
            Chat
          </h1>
          <Sheet>
            <SheetTrigger asChild>
              <Button variant="outline" size="icon-sm" label="Conversations" className="lg:hidden">
                <History aria-hidden />
              </Button>
            </SheetTrigger>
            <SheetContent side="left" closeLabel="Close conversations" className="gap-3 p-4 pt-5">
              <SheetTitle>Conversations</SheetTitle>
              <SheetDescription className="sr-only">Saved in this browser.</SheetDescription>
              {list}
            </SheetContent>
          </Sheet>
          <div className="order-last min-w-0 basis-full sm:order-none sm:flex-1 sm:basis-auto">
            {models.isPending ? (
              <Skeleton className="h-9 w-full max-w-80" />
            ) : (
              <TargetPicker
                target={target}
                models={models.data ?? []}
                agents={agentOptions}
                isDisabled={isStreaming}
                onChange={handleTarget}
              />
            )}
          </div>
          <span className="flex-1 sm:hidden" aria-hidden />
          {models.data && models.data.length + agentOptions.length > 1 ? (
            <CompareDialog
              conversation={conversation}
              models={models.data}
              agents={agentOptions}
              prompt={draft.value}
              onContinue={(next) => {
                session.adopt(next)
                draft.change('')
                draft.flush()
              }}
            />
          ) : (
            // Holds Compare's place while the models load, so the toolbar does not move when it
            // appears (a layout shift of 0.18 measured at 1350 px); with one target it stays off.
            <ToolbarButton
              icon={Columns3}
              label="Compare"
              disabled
              title={models.isPending ? 'Loading the models…' : 'Needs two models or agents'}
            />
          )}
          <ViewCodeDialog
            samples={codeSamples}
            keyVariable={codeTarget === null ? null : keyVariable}
            description="The request the next Send makes (with the message box’s text)."
            keyNote={
              codeTarget !== null && codeTarget.keyVariable === null ? (
                <>
                  This console talks to the sandbox, whose address is internal, so the code calls
                  the console’s proxy at <code className="font-mono">{codeTarget.origin}</code>,
                  which adds the key itself (from this machine only; with a console token, also send{' '}
                  <code className="font-mono">X-Console-Token</code>). Against elizaOS Cloud, use{' '}
                  <code className="font-mono">{CLOUD_ORIGIN}</code> and your key.
                </>
              ) : undefined
            }
          />
          <StreamInspector session={session} />
          <Sheet>
            <SheetTrigger asChild>
              <ToolbarButton icon={SlidersHorizontal} label="Parameters" />
            </SheetTrigger>
            <SheetContent
              side="right"
              closeLabel="Close parameters"
              className="w-[min(24rem,90vw)] gap-4 overflow-y-auto p-5"
            >
              <SheetTitle>Parameters</SheetTitle>
              <SheetDescription className="text-sm text-muted-foreground">
                Sent with every request of this conversation.
              </SheetDescription>
              <ParamsPanel
                params={params}
                onChange={(next) => session.setParams(next)}
                isAgent={target.kind === 'agent'}
                maxOutputTokens={model?.maxOutputTokens ?? null}
                upstream={info.data?.upstream ?? null}
              />
            </SheetContent>
          </Sheet>
        </header>
        <p className="border-b px-3 py-1.5 text-xs text-muted-foreground sm:px-4">
          {target.kind === 'agent' ? (
            <>
              <Bot aria-hidden className="mr-1 inline size-3.5 align-[-2px]" />
              {target.agentName} answers in persona through a room (its history is kept by the
              cloud).
            </>
          ) : model ? (
            <>
              {model.name}: {modelFacts(model)}. The cloud adds 20% to these prices.
            </>
          ) : models.error ? (
            'The model catalog could not be loaded; the chosen model id is used as is.'
          ) : (
            target.modelId
          )}
        </p>
        {models.error ? (
          <div className="border-b p-3">
            <ErrorState error={models.error} onRetry={() => void models.refetch()} />
          </div>
        ) : null}
        <MessageLog
          session={session}
          targetName={name}
          // A room keeps its own history on the server: an edit could not rewrite it.
          onEdit={target.kind === 'model' && !isStreaming ? handleEdit : null}
          onVersion={handleVersion}
          onToolResults={isStreaming ? null : handleToolResults}
          empty={
            <EmptyState
              icon={MessagesSquare}
              title={
                target.kind === 'agent' ? `Talk to ${target.agentName}` : 'Start a conversation'
              }
              description="Your conversations stay in this browser. Enter sends; Shift+Enter adds a line; Esc stops a reply."
              className="h-full"
            />
          }
        />
        {error ? (
          <div className="border-t bg-background/60 px-3 py-3 sm:px-6">
            <div className="mx-auto grid max-w-3xl gap-2">
              <ErrorState
                error={error}
                retryLabel="Retry"
                onRetry={failedBeforeReply ? handleSend : handleRegenerate}
              />
              {error.kind === 'insufficient_credits' ? (
                <BalanceNote query={balanceQuery()} />
              ) : null}
            </div>
          </div>
        ) : null}
        {status === 'idle' && !error && messages.at(-1)?.role === 'user' ? (
          // Saved before its request, but the page closed before anything of the reply was kept.
          <p role="status" className="border-t px-3 py-2 text-xs text-muted-foreground sm:px-6">
            <span className="mx-auto block max-w-3xl">
              No reply was saved for your last message: the page closed before it arrived.
              Regenerate asks again.
            </span>
          </p>
        ) : null}
        <Composer
          value={draft.value}
          onChange={draft.change}
          onSend={handleSend}
          onStop={handleStop}
          onRegenerate={handleRegenerate}
          isStreaming={isStreaming}
          canRegenerate={messages.some((m) => m.role === 'user')}
          estimate={estimate}
          blockedReason={
            target.kind === 'model' ? paramsProblem(params, model?.maxOutputTokens ?? null) : null
          }
        />
      </section>
    </div>
  )
}
