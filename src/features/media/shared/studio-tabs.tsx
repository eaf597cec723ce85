import { Link } from '@tanstack/react-router'
import { AudioLines, Clapperboard, ImageIcon } from 'lucide-react'
import type { ComponentType, SVGProps } from 'react'

type StudioTab = {
  to: '/media/image' | '/media/video' | '/media/voice'
  label: string
  icon: ComponentType<SVGProps<SVGSVGElement>>
}

const TABS: readonly StudioTab[] = [
  { to: '/media/image', label: 'Image', icon: ImageIcon },
  { to: '/media/video', label: 'Video', icon: Clapperboard },
  { to: '/media/voice', label: 'Voice', icon: AudioLines },
]

/** The media studio's pages as tabs at the top of each; the current one is marked. */
export function StudioTabs() {
  return (
    <nav aria-label="Media studio" className="border-b border-border">
      <ul className="-mb-px flex gap-1">
        {TABS.map(({ to, label, icon: Icon }) => (
          <li key={to}>
            <Link
              to={to}
              className="inline-flex items-center gap-2 border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted-foreground outline-none hover:text-foreground focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring data-[status=active]:border-primary data-[status=active]:text-foreground"
            >
              <Icon aria-hidden className="size-4" />
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  )
}
