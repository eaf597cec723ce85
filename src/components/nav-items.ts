import type { FileRoutesByTo } from '@/routeTree.gen'
import {
  AudioLines,
  BookOpen,
  Bot,
  Boxes,
  ChartColumn,
  Compass,
  Clapperboard,
  CreditCard,
  ImageIcon,
  KeyRound,
  LayoutDashboard,
  MessagesSquare,
  Network,
  type LucideIcon,
} from 'lucide-react'

/** The elizaOS Cloud dashboard (sign-in, keys, payments): linked from the sidebar and errors. */
export const DASHBOARD_URL = 'https://www.elizacloud.ai/dashboard'

/** Every page path the generated route tree knows, so a typo in the list fails to compile. */
export type AppPath = keyof FileRoutesByTo

export type NavItem = {
  to: AppPath
  label: string
  icon: LucideIcon
  /** Extra words the command palette matches ("credits" finds Billing). */
  keywords?: string[]
  /** Sidebar group heading; items without one come first. */
  section?: 'Build' | 'Create' | 'Deploy' | 'Account'
}

/**
 * The pages of the console, in sidebar order. The sidebar, the mobile menu and the command
 * palette's "Go to …" items all come from this list: a new page adds one entry here.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/', label: 'Overview', icon: LayoutDashboard, keywords: ['home', 'dashboard', 'balance'] },
  {
    to: '/agents',
    label: 'Agents',
    icon: Bot,
    section: 'Build',
    keywords: ['characters', 'persona'],
  },
  {
    to: '/discover',
    label: 'Discover',
    icon: Compass,
    section: 'Build',
    keywords: ['directory', 'public', 'marketplace', 'a2a', 'mcp', 'fork', 'services'],
  },
  {
    to: '/knowledge',
    label: 'Knowledge',
    icon: BookOpen,
    section: 'Build',
    keywords: ['documents', 'files', 'rag', 'upload', 'search'],
  },
  {
    to: '/chat',
    label: 'Chat',
    icon: MessagesSquare,
    section: 'Build',
    keywords: ['playground', 'completion', 'model'],
  },
  {
    to: '/a2a',
    label: 'A2A',
    icon: Network,
    section: 'Build',
    keywords: ['agent to agent', 'json-rpc', 'tasks', 'skills', 'message/send'],
  },
  {
    to: '/media/image',
    label: 'Image',
    icon: ImageIcon,
    section: 'Create',
    keywords: ['generate', 'studio', 'picture', 'media'],
  },
  {
    to: '/media/video',
    label: 'Video',
    icon: Clapperboard,
    section: 'Create',
    keywords: ['generate', 'studio', 'movie', 'clip', 'media'],
  },
  {
    to: '/media/voice',
    label: 'Voice',
    icon: AudioLines,
    section: 'Create',
    keywords: ['tts', 'text to speech', 'speech', 'clone', 'audio', 'studio'],
  },
  {
    to: '/containers',
    label: 'Containers',
    icon: Boxes,
    section: 'Deploy',
    keywords: ['docker', 'deploy', 'ecr', 'hosting', 'logs'],
  },
  {
    to: '/keys',
    label: 'API keys',
    icon: KeyRound,
    section: 'Account',
    keywords: ['api key', 'token', 'secret', 'access', 'permissions', 'revoke'],
  },
  {
    to: '/billing',
    label: 'Billing',
    icon: CreditCard,
    section: 'Account',
    keywords: ['credits', 'balance', 'payment', 'top up', 'transactions', 'ledger', 'money'],
  },
  {
    to: '/usage',
    label: 'Usage',
    icon: ChartColumn,
    section: 'Account',
    keywords: ['analytics', 'spend', 'cost', 'costs', 'requests', 'runway', 'models', 'charts'],
  },
]
