import { useQuery } from '@tanstack/react-query'
import { ArrowDownWideNarrow, ArrowUpNarrowWide, KeyRound, Plus, ShieldCheck } from 'lucide-react'
import { useCallback, useMemo, useState, type ReactNode } from 'react'
import { ConfirmMutationDialog } from '@/components/confirm-mutation-dialog'
import { EmptyState } from '@/components/empty-state'
import { ErrorState } from '@/components/error-state'
import { SearchField } from '@/components/search-field'
import { Alert, AlertDescription } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { NativeSelect } from '@/components/ui/native-select'
import { consoleInfoQuery } from '@/api/console-info/queries'
import type { ConsoleInfo } from '@/api/console-info/schemas'
import { isApiError } from '@/lib/api-error'
import { useNow } from '@/lib/use-now'
import { filterKeys, KEY_SORTS, KEY_STATUSES, type KeyFilters, type KeySort } from '../lib/filter'
import { useDeleteApiKey, useRegenerateApiKey, useUpdateApiKey } from '../api/mutations'
import { apiKeyListQuery } from '../api/queries'
import type { ApiKey, IssuedKey } from '../api/schemas'
import { CreateKeyDialog } from './create-key-dialog'
import { RenameDialog, SecretDialog } from './key-dialogs'
import { KeyList, KeyListSkeleton, type KeyAction } from './key-list'
import { SessionOnlyKeys } from './session-only-keys'

type KeysViewProps = {
  filters: KeyFilters
  onFiltersChange: (patch: Partial<KeyFilters>) => void
  isCreateOpen: boolean
  onCreateOpenChange: (open: boolean) => void
  /** The official dashboard, where the cloud's keys are managed. */
  dashboardUrl: string
}

const SORT_LABELS: Record<KeySort, string> = {
  created: 'Created',
  name: 'Name',
  last_used: 'Last used',
  usage: 'Requests',
  expires: 'Expiry',
}

/** Key management with an API key works: the sandbox outside strict mode (docs/api-keys.md). */
const isSandboxOpen = (info: ConsoleInfo | undefined) =>
  info?.upstream.kind === 'sandbox' && info.upstream.strict !== true

/** The `/keys` page: heading, the enforcement note, toolbar, list and every dialog. */
export function KeysView(props: KeysViewProps) {
  const list = useQuery(apiKeyListQuery())
  const info = useQuery(consoleInfoQuery()).data
  if (isApiError(list.error) && list.error.kind === 'session_only') {
    return (
      <div className="grid gap-6">
        <PageHeader />
        <SessionOnlyKeys info={info} dashboardUrl={props.dashboardUrl} />
      </div>
    )
  }
  return <KeysManager {...props} list={list} info={info} />
}

function PageHeader({ action }: { action?: ReactNode }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="text-sm text-muted-foreground">
          Keys that call elizaOS Cloud on your organization’s behalf, with their permissions and
          usage.
        </p>
      </div>
      {action}
    </div>
  )
}

export function KeysPending() {
  return (
    <div className="grid gap-6">
      <PageHeader />
      <KeyListSkeleton />
    </div>
  )
}

type Pending = { action: 'disable' | 'regenerate' | 'delete'; key: ApiKey } | null

function KeysManager({
  filters,
  onFiltersChange,
  isCreateOpen,
  onCreateOpenChange,
  list,
  info,
}: KeysViewProps & {
  list: ReturnType<typeof useQuery<ApiKey[]>>
  info: ConsoleInfo | undefined
}) {
  const now = useNow(true, 60_000)
  const [secret, setSecret] = useState<{
    issued: IssuedKey
    reason: 'created' | 'regenerated'
  } | null>(null)
  const [renaming, setRenaming] = useState<ApiKey | null>(null)
  const [pending, setPending] = useState<Pending>(null)
  const [ownChangedFrom, setOwnChangedFrom] = useState<string | null>(null)
  const update = useUpdateApiKey()
  const remove = useDeleteApiKey()
  const regenerate = useRegenerateApiKey()

  const isEnforced = isSandboxOpen(info)
  const consoleKeyPrefix = info?.consoleKey?.prefix ?? null
  const canRecover = info?.consoleKey?.recovery === 'reissue'
  const isOwn = (key: ApiKey) => consoleKeyPrefix !== null && key.prefix === consoleKeyPrefix

  const keys = list.data
  const shown = useMemo(() => (keys ? filterKeys(keys, filters, now) : []), [keys, filters, now])

  const handleAction = useCallback(
    (action: KeyAction, key: ApiKey) => {
      setOwnChangedFrom(null)
      update.reset()
      if (action === 'rename') setRenaming(key)
      else if (action === 'toggle' && !key.isActive) update.mutate({ id: key.id, is_active: true })
      else setPending({ action: action === 'toggle' ? 'disable' : action, key })
    },
    [update],
  )

  /**
   * After a change of the console's own key: say what the proxy did about it. The mutation ends
   * only once the proxy's report is fresh (mutations.ts), so `info` tells the key now in use.
   */
  const afterOwnChange = (key: ApiKey) => {
    if (!isOwn(key)) return
    setOwnChangedFrom(key.prefix)
  }
  const nowPrefix = consoleKeyPrefix
  const notice =
    ownChangedFrom === null
      ? null
      : nowPrefix !== null && nowPrefix !== ownChangedFrom
        ? `This console switched to the key ${nowPrefix}… and keeps working.`
        : 'This console’s key no longer works and nothing could replace it: set a new key for the console and restart it.'

  const target = pending?.key
  const ownWarning =
    target && isOwn(target) ? (
      <span className="mt-2 block font-medium text-foreground">
        This is the key this console itself uses.{' '}
        {canRecover
          ? 'The sandbox will issue the console a new key first (“Console key”), so the console keeps working.'
          : 'Nothing can replace it from here: every page will fail (401) until you configure a new key and restart the console.'}
      </span>
    ) : null

  return (
    <div className="grid gap-6">
      <PageHeader
        action={
          <Button onClick={() => onCreateOpenChange(true)}>
            <Plus aria-hidden />
            Create key
          </Button>
        }
      />
      <EnforcementNote isEnforced={isEnforced} />
      {notice ? (
        <Alert
          variant={notice.startsWith('This console switched') ? 'info' : 'warning'}
          role="status"
        >
          <ShieldCheck aria-hidden />
          <AlertDescription>{notice}</AlertDescription>
        </Alert>
      ) : null}
      {update.isError && !renaming ? <ErrorState error={update.error} /> : null}

      <div className="flex flex-wrap items-center gap-2">
        <SearchField
          value={filters.q}
          onSearch={(q) => onFiltersChange({ q })}
          label="Search keys"
          placeholder="Name, prefix or permission"
          debounceMs={250}
          className="w-full sm:w-72"
        />
        <NativeSelect
          aria-label="Status"
          value={filters.status}
          onChange={(e) => onFiltersChange({ status: e.target.value as KeyFilters['status'] })}
        >
          {KEY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s === 'all' ? 'All statuses' : s[0]?.toUpperCase() + s.slice(1)}
            </option>
          ))}
        </NativeSelect>
        <NativeSelect
          aria-label="Sort by"
          value={filters.sort}
          onChange={(e) => onFiltersChange({ sort: e.target.value as KeySort })}
        >
          {KEY_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
        <Button
          variant="outline"
          size="icon"
          label={
            filters.order === 'asc' ? 'Ascending: sort descending' : 'Descending: sort ascending'
          }
          onClick={() => onFiltersChange({ order: filters.order === 'asc' ? 'desc' : 'asc' })}
        >
          {filters.order === 'asc' ? (
            <ArrowUpNarrowWide aria-hidden />
          ) : (
            <ArrowDownWideNarrow aria-hidden />
          )}
        </Button>
        {keys ? (
          <p className="text-sm text-muted-foreground sm:ml-auto" aria-live="polite">
            {shown.length === keys.length
              ? `${keys.length} ${keys.length === 1 ? 'key' : 'keys'}`
              : `${shown.length} of ${keys.length} keys`}
          </p>
        ) : null}
      </div>

      {list.isPending ? (
        <KeyListSkeleton />
      ) : list.isError ? (
        <ErrorState
          error={list.error}
          onRetry={() => void list.refetch()}
          isRetrying={list.isFetching}
          size="page"
          headingLevel={2}
        />
      ) : shown.length === 0 ? (
        keys && keys.length > 0 ? (
          <EmptyState
            size="page"
            icon={KeyRound}
            title="No key matches"
            description="Try another search or status."
            action={
              <Button variant="outline" onClick={() => onFiltersChange({ q: '', status: 'all' })}>
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            size="page"
            icon={KeyRound}
            title="No keys yet"
            description="Create a key for each app or pipeline, with only the permissions it needs."
            action={
              <Button onClick={() => onCreateOpenChange(true)}>
                <Plus aria-hidden />
                Create key
              </Button>
            }
          />
        )
      ) : (
        <KeyList
          keys={shown}
          consoleKeyPrefix={consoleKeyPrefix}
          now={now}
          onAction={handleAction}
        />
      )}

      <CreateKeyDialog
        open={isCreateOpen}
        onOpenChange={onCreateOpenChange}
        isEnforced={isEnforced}
        onCreated={(issued) => {
          onCreateOpenChange(false)
          setSecret({ issued, reason: 'created' })
        }}
      />
      {secret ? (
        <SecretDialog
          issued={secret.issued}
          reason={secret.reason}
          isSandbox={info?.upstream.kind === 'sandbox'}
          onClose={() => setSecret(null)}
        />
      ) : null}
      {renaming ? <RenameDialog apiKey={renaming} onClose={() => setRenaming(null)} /> : null}

      <ConfirmMutationDialog
        open={pending?.action === 'disable'}
        onOpenChange={(open) => (open ? null : setPending(null))}
        title={`Disable “${target?.name ?? ''}”?`}
        description={
          <>
            Requests with this key get 401 from now on, until you enable it again.
            {ownWarning}
          </>
        }
        confirmLabel="Disable key"
        mutation={update}
        onConfirm={(close) => {
          if (!target) return
          update.mutate(
            { id: target.id, is_active: false },
            {
              onSuccess: () => {
                close()
                afterOwnChange(target)
              },
            },
          )
        }}
      />
      <ConfirmMutationDialog
        open={pending?.action === 'regenerate'}
        onOpenChange={(open) => (open ? null : setPending(null))}
        title={`Regenerate “${target?.name ?? ''}”?`}
        description={
          <>
            The old secret stops working at once; you get a new one to copy. The name, permissions
            and usage stay.
            {ownWarning}
          </>
        }
        confirmLabel="Regenerate key"
        mutation={regenerate}
        onConfirm={(close) => {
          if (!target) return
          regenerate.mutate(target.id, {
            onSuccess: (issued) => {
              // The secret leaves the mutation cache at once (mutations.ts).
              regenerate.reset()
              close()
              setSecret({ issued, reason: 'regenerated' })
              afterOwnChange(target)
            },
          })
        }}
      />
      <ConfirmMutationDialog
        open={pending?.action === 'delete'}
        onOpenChange={(open) => (open ? null : setPending(null))}
        title={`Delete “${target?.name ?? ''}”?`}
        description={
          <>
            Anything using this key gets 401 at once. This cannot be undone.
            {ownWarning}
          </>
        }
        confirmLabel="Delete key"
        mutation={remove}
        onConfirm={(close) => {
          if (!target) return
          remove.mutate(target.id, {
            onSuccess: () => {
              close()
              afterOwnChange(target)
            },
          })
        }}
      />
    </div>
  )
}

/** Which permissions are enforced, where (docs/api-keys.md §Permissions). */
function EnforcementNote({ isEnforced }: { isEnforced: boolean }) {
  return (
    <Alert variant="info">
      <ShieldCheck aria-hidden />
      <AlertDescription>
        {isEnforced ? (
          <p>
            <strong>The sandbox enforces permissions and rate limits:</strong> a key that names
            permissions is refused (403) on every other family, and gets 429 past its rate limit. A
            key with none has full access. <strong>elizaOS Cloud enforces neither:</strong> it
            stores both, and every key there has its user’s full rights.
          </p>
        ) : (
          <p>
            <strong>elizaOS Cloud enforces no permission and no per-key rate limit:</strong> it
            stores them, and every key has its user’s full rights. Give keys only to what you trust.
          </p>
        )}
      </AlertDescription>
    </Alert>
  )
}
