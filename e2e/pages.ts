/** Every page of the console, one route each, in the sidebar's order (e2e and the bench's Lighthouse). */
export const CONSOLE_PAGES = [
  '/',
  '/agents',
  '/discover',
  '/knowledge',
  '/chat',
  '/a2a',
  '/media/image',
  '/media/video',
  '/media/voice',
  '/containers',
  '/keys',
  '/billing',
  '/usage',
] as const
