import { cn } from '@/lib/cn'

/** The agent's avatar, or its initials when it has none. Decorative: the name is always shown. */
export function AgentAvatar({
  name,
  url,
  className,
}: {
  name: string
  url: string | null
  className?: string
}) {
  const initials =
    name
      .split(/\s+/)
      .map((w) => w[0])
      .join('')
      .slice(0, 2)
      .toUpperCase() || '?'
  return url ? (
    <img
      src={url}
      alt=""
      loading="lazy"
      className={cn('size-10 shrink-0 rounded-lg bg-muted object-cover', className)}
    />
  ) : (
    <span
      aria-hidden
      className={cn(
        'flex size-10 shrink-0 items-center justify-center rounded-lg bg-muted text-sm font-semibold text-muted-foreground',
        className,
      )}
    >
      {initials}
    </span>
  )
}
