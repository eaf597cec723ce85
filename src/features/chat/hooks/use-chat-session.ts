import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Conversation } from '../storage/conversations'
import { ChatSession, type SessionHooks, type SessionState } from '../session/chat-session'

// Sessions outlive the page component: the first send on /chat moves to /chat/$id while the reply
// is still streaming, and the new route must find the same session.
const sessions = new Map<string, ChatSession>()

/** The live session of a conversation, created from `initial` the first time it is asked for. */
export function getSession(initial: Conversation, hooks: SessionHooks): ChatSession {
  let session = sessions.get(initial.id)
  if (!session) {
    session = new ChatSession(initial, hooks)
    sessions.set(initial.id, session)
  } else session.setHooks(hooks)
  return session
}

export function peekSession(id: string): ChatSession | undefined {
  return sessions.get(id)
}

export function forgetSession(id: string): void {
  sessions.get(id)?.dispose()
  sessions.delete(id)
}

/** Subscribes to one slice of the session; a selector returning a kept reference skips renders. */
export function useSessionSelector<T>(session: ChatSession, select: (s: SessionState) => T): T {
  return useSyncExternalStore(
    session.subscribe,
    () => select(session.getState()),
    () => select(session.getState()),
  )
}

/** The session for a conversation; `hooks` may change between renders (latest are used). */
export function useChatSession(initial: Conversation, hooks: SessionHooks): ChatSession {
  const [session] = useState(() => getSession(initial, hooks))
  useEffect(() => {
    session.setHooks(hooks)
  }, [session, hooks])
  return session
}
