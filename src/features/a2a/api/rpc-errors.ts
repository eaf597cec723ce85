// What each JSON-RPC error of POST /api/a2a means to the user (docs/a2a.md §Errors). The
// presentation (credits offer, countdown) comes from the ApiError kind; this adds the words.
import type { ApiError } from '@/lib/api-error'

export type RpcErrorInfo = { title: string; explanation: string }

const BY_CODE: Record<number, RpcErrorInfo> = {
  [-32700]: {
    title: 'Parse error',
    explanation: 'The request body was not valid JSON, so the cloud could not read it at all.',
  },
  [-32600]: {
    title: 'Invalid request',
    explanation:
      'The body is not a JSON-RPC 2.0 request: "jsonrpc" must be "2.0" and "id" must be present (null is allowed).',
  },
  [-32601]: {
    title: 'Method not found',
    explanation:
      'The platform endpoint has only message/send, tasks/get and tasks/cancel. Older A2A methods such as tasks/send, streaming and push notifications do not exist there.',
  },
  [-32602]: {
    title: 'Invalid parameters',
    explanation: 'The method exists but its params were refused. Check the arguments.',
  },
  [-32010]: {
    title: 'Authentication failed',
    explanation:
      'The cloud did not accept the key the local proxy sends. Check the key the console was started with.',
  },
  [-32011]: {
    title: 'Insufficient credits',
    explanation:
      'The skill costs more than the organization’s balance. Nothing was charged; add credits and send again.',
  },
  [-32012]: {
    title: 'Rate limited',
    explanation:
      'The organization sent more than 100 A2A requests in a minute. Wait a moment and send again.',
  },
  [-32001]: {
    title: 'Not found',
    explanation:
      'The cloud has no such task (or conversation, room or agent) for this organization. Tasks live for one hour only.',
  },
  [-32013]: {
    title: 'Account suspended',
    explanation: 'The cloud refuses requests from this account. Contact elizaOS Cloud support.',
  },
  [-32603]: {
    title: 'Internal error',
    explanation:
      'The skill failed (a missing argument, a provider error, a task that cannot change state…). The cloud’s own message is below.',
  },
}

/** Words for an error without a JSON-RPC code (network, timeout, an empty or HTML body). */
const BY_KIND: Partial<Record<ApiError['kind'], RpcErrorInfo>> = {
  network: {
    title: 'Local proxy not reachable',
    explanation: 'The request did not reach the console’s server. Check that it is still running.',
  },
  timeout: {
    title: 'No answer in time',
    explanation:
      'The cloud gives every A2A call up to 60 seconds; no answer came, so the console stopped waiting.',
  },
  bad_response: {
    title: 'Unreadable answer',
    explanation:
      'The answer was not the JSON-RPC the endpoint sends (an empty body, an HTML page or an unexpected shape).',
  },
  unavailable: {
    title: 'Cloud unavailable',
    explanation: 'The cloud (or the proxy in front of it) could not serve the request right now.',
  },
}

const FALLBACK: RpcErrorInfo = {
  title: 'The call failed',
  explanation: 'The cloud answered with an error; its own words are below.',
}

/** The numeric JSON-RPC code an ApiError carries, when it came from a JSON-RPC body. */
export function rpcCodeOf(error: ApiError): number | undefined {
  const n = Number(error.details.code)
  return error.details.code !== undefined && Number.isInteger(n) && n < 0 ? n : undefined
}

export function describeRpcError(error: ApiError): RpcErrorInfo & { code?: number } {
  const code = rpcCodeOf(error)
  if (code !== undefined) return { ...(BY_CODE[code] ?? FALLBACK), code }
  return BY_KIND[error.kind] ?? FALLBACK
}
