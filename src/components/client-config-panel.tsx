import { CopyButton } from '@/components/copy-button'
import { CopyableValue } from '@/components/copyable-value'
import { Skeleton } from '@/components/ui/skeleton'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { agentChatCurl, buildMcpClientConfigs, type McpServerRef } from '@/lib/client-config'

type ClientConfigPanelProps = {
  /** The service's name; the MCP server key is derived from it. */
  name: string
  /** The agent's A2A endpoint: GET answers its agent card, POST its JSON-RPC methods. */
  a2aEndpoint?: string | null
  /** The MCP endpoint (an agent's `/mcp`, or a public MCP server's URL). */
  mcpEndpoint?: string | null
  /** The key's variable name as the proxy reports it (`/_console/info`); null while unknown. */
  keyVariable: string | null
  /** Makes an endpoint the upstream built open from here (the features' useConsoleLink). */
  link: (url: string) => string
}

/** A code block with a label above it and a copy button beside the label. */
function CopyableCode({
  label,
  code,
  copyLabel,
}: {
  label: string
  code: string
  copyLabel: string
}) {
  return (
    <div className="grid min-w-0 grid-cols-1 gap-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <span className="text-sm font-medium">{label}</span>
        <CopyButton text={code} label={copyLabel} />
      </div>
      <pre
        aria-label={label}
        className="max-h-72 overflow-auto rounded-md border bg-muted/60 p-3 font-mono text-xs leading-relaxed"
      >
        <code>{code}</code>
      </pre>
    </div>
  )
}

/**
 * How to use a service from elsewhere: the A2A agent-card URL (and a `chat` call as curl) and an
 * MCP configuration per common client. The key is always written as the proxy's key variable,
 * named by `/_console/info` (the caller passes it); until it is known, the configurations wait.
 * Exported for any page that knows a service's endpoints (discover, an agent's sharing card).
 */
export function ClientConfigPanel({
  name,
  a2aEndpoint: a2aAsGiven,
  mcpEndpoint: mcpAsGiven,
  keyVariable,
  link,
}: ClientConfigPanelProps) {
  const a2aEndpoint = a2aAsGiven ? link(a2aAsGiven) : null
  const mcpEndpoint = mcpAsGiven ? link(mcpAsGiven) : null
  if (!a2aEndpoint && !mcpEndpoint) {
    return (
      <p className="text-sm text-muted-foreground">
        This service advertises no endpoint to connect to.
      </p>
    )
  }
  return (
    <div className="grid grid-cols-1 gap-5" data-testid="client-config">
      {a2aEndpoint ? (
        <div className="grid min-w-0 grid-cols-1 gap-3">
          <CopyableValue label="A2A agent card URL" value={a2aEndpoint} compact />
          {keyVariable === null ? (
            <Skeleton className="h-24" aria-label="Waiting for the local proxy" />
          ) : (
            <CopyableCode
              label="A2A chat request (curl)"
              copyLabel="Copy curl"
              code={agentChatCurl(a2aEndpoint, keyVariable)}
            />
          )}
        </div>
      ) : null}
      {mcpEndpoint ? (
        <div className="grid min-w-0 grid-cols-1 gap-3">
          <CopyableValue label="MCP endpoint" value={mcpEndpoint} compact />
          {keyVariable === null ? (
            <Skeleton className="h-40" aria-label="Waiting for the local proxy" />
          ) : (
            <McpConfigTabs name={name} mcpEndpoint={mcpEndpoint} keyVariable={keyVariable} />
          )}
        </div>
      ) : null}
      {keyVariable ? (
        <p className="text-xs text-muted-foreground">
          The key is written as <code className="font-mono">${keyVariable}</code>; set it in your
          environment. The console never shows the key.
        </p>
      ) : null}
    </div>
  )
}

function McpConfigTabs({ name, mcpEndpoint, keyVariable }: McpServerRef) {
  const configs = buildMcpClientConfigs({ name, mcpEndpoint, keyVariable })
  return (
    <Tabs defaultValue={configs[0]?.id}>
      <TabsList aria-label="MCP client">
        {configs.map((c) => (
          <TabsTrigger key={c.id} value={c.id}>
            {c.label}
          </TabsTrigger>
        ))}
      </TabsList>
      {configs.map((c) => (
        <TabsContent key={c.id} value={c.id} className="grid min-w-0 grid-cols-1 gap-2">
          <CopyableCode
            label={`${c.label} MCP configuration`}
            copyLabel={`Copy ${c.label} config`}
            code={c.code}
          />
          <p className="text-xs text-muted-foreground">
            Add it to <span className="font-mono">{c.file}</span>. {c.keyNote}
          </p>
        </TabsContent>
      ))}
    </Tabs>
  )
}
