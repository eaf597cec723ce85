// The proxy's configuration, read from the environment once at start (docs/architecture.md §11).
// Every value is validated here so a typo fails at start with a message naming the variable,
// rather than as a confusing error on the first request.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'

/** The environment variable the proxy reads its key from; reported to the browser by name only. */
export const KEY_VARIABLE = 'ELIZACLOUD_API_KEY'

export const DEFAULT_BASE_URL = 'https://www.elizacloud.ai/api/v1'
export const DEFAULT_PORT = 4000
export const DEFAULT_HOST = '127.0.0.1'
/** Voice cloning takes up to 100 MB of audio (docs/cloud/auth-errors-limits.md §4), plus multipart overhead. */
export const DEFAULT_BODY_LIMIT = 110 * 1024 * 1024
export const DEFAULT_SANDBOX_DATA_DIR = '.data/sandbox'
/**
 * A console token at least this long: 32 random characters are far beyond guessing, even before
 * the sign-in throttle (attempts.ts). `CONSOLE_TOKEN=generate` makes one of 43 (256 bits).
 */
export const MIN_TOKEN_LENGTH = 32
export const GENERATE_TOKEN = 'generate'

export interface ConsoleConfig {
  port: number
  host: string
  /** null: no key configured, the embedded sandbox is used instead. */
  apiKey: string | null
  /** The v1 base as given (README.md "Base URL"), e.g. `https://www.elizacloud.ai/api/v1`. */
  baseUrl: string
  /** `baseUrl` without the trailing `/api/v1`: every `/api/...` path is resolved against it. */
  upstreamOrigin: string
  consoleToken: string | null
  /** True when `consoleToken` was made at this start (`CONSOLE_TOKEN=generate`): print it once. */
  consoleTokenGenerated: boolean
  /** Overrides every per-path idle budget (tests use a short one). */
  timeoutMs: number | null
  bodyLimit: number
  sandboxDataDir: string
  sandboxMemory: boolean
  sandboxStrict: boolean
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Env = Record<string, string | undefined>

/** True for names and addresses that can only reach this machine: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host
  const lower = h.toLowerCase()
  if (lower === 'localhost' || lower.endsWith('.localhost')) return true
  if (net.isIPv4(h)) return h.startsWith('127.')
  if (net.isIPv6(h))
    return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(lower)
  return false
}

/**
 * Derives the upstream ORIGIN from the v1 base: strip a trailing `/` and a trailing `/api/v1`
 * (docs/cloud/README.md.md). A path prefix before `/api/v1` is kept, so the result may carry one.
 */
export function upstreamOriginOf(baseUrl: string): string {
  let s = baseUrl.trim()
  while (s.endsWith('/')) s = s.slice(0, -1)
  if (s.endsWith('/api/v1')) s = s.slice(0, -'/api/v1'.length)
  while (s.endsWith('/')) s = s.slice(0, -1)
  return s
}

function parseInteger(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  if (!/^\d+$/.test(raw)) throw new ConfigError(`${name} must be a whole number, got "${raw}"`)
  const n = Number(raw)
  if (n < min || n > max)
    throw new ConfigError(`${name} must be between ${min} and ${max}, got ${n}`)
  return n
}

function parseFlag(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (!raw || raw === '0' || raw === 'false' || raw === 'no') return false
  if (raw === '1' || raw === 'true' || raw === 'yes') return true
  throw new ConfigError(`${name} must be 1 or 0, got "${env[name]}"`)
}

function parseBaseUrl(raw: string): string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(
      `ELIZACLOUD_BASE_URL is not a URL: expected something like ${DEFAULT_BASE_URL}`,
    )
  }
  if (url.username || url.password) {
    throw new ConfigError(
      'ELIZACLOUD_BASE_URL must not contain credentials; use ELIZACLOUD_API_KEY',
    )
  }
  if (url.search || url.hash) {
    throw new ConfigError('ELIZACLOUD_BASE_URL must not have a query or a fragment')
  }
  if (url.protocol === 'http:') {
    // The key travels in a header: plain http is only acceptable when it never leaves the machine.
    if (!isLoopbackHost(url.hostname)) {
      throw new ConfigError(
        `ELIZACLOUD_BASE_URL may use http:// only for a loopback host (127.0.0.1, ::1, localhost), got host "${url.hostname}"; use https://`,
      )
    }
  } else if (url.protocol !== 'https:') {
    throw new ConfigError(`ELIZACLOUD_BASE_URL must be an http(s) URL, got "${url.protocol}"`)
  }
  return raw.trim()
}

/** Validates an environment into a config. Throws `ConfigError` with a message naming the variable. */
export function parseConfig(env: Env): ConsoleConfig {
  const port = parseInteger(env, 'PORT', DEFAULT_PORT, 0, 65535)
  const host = env.HOST?.trim() || DEFAULT_HOST
  if (!/^[\w.:[\]-]+$/.test(host))
    throw new ConfigError(`HOST is not a host name or address: "${host}"`)

  const apiKey = env.ELIZACLOUD_API_KEY?.trim() || null
  if (apiKey && /[\s\0]/.test(apiKey)) {
    // Never print the value: it is the secret.
    throw new ConfigError('ELIZACLOUD_API_KEY contains whitespace or control characters')
  }
  const baseUrl = parseBaseUrl(env.ELIZACLOUD_BASE_URL?.trim() || DEFAULT_BASE_URL)

  const tokenSetting = env.CONSOLE_TOKEN?.trim() || null
  const consoleTokenGenerated = tokenSetting === GENERATE_TOKEN
  const consoleToken = consoleTokenGenerated ? generateToken() : tokenSetting
  // The value is never quoted in these messages: it is a secret too.
  if (consoleToken && !/^[\x21-\x7e]+$/.test(consoleToken)) {
    throw new ConfigError(
      'CONSOLE_TOKEN must be printable ASCII without spaces (it is sent in a cookie)',
    )
  }
  if (consoleToken && consoleToken.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(
      `CONSOLE_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters long (got ${consoleToken.length}): set CONSOLE_TOKEN=${GENERATE_TOKEN} to have one made at each start, or use e.g. \`openssl rand -base64 32\``,
    )
  }
  if (!isLoopbackHost(host) && !consoleToken) {
    // Listening beyond loopback lets anyone on the network spend the key.
    throw new ConfigError(
      `HOST=${host} is reachable from other machines: set CONSOLE_TOKEN (at least ${MIN_TOKEN_LENGTH} characters, or CONSOLE_TOKEN=${GENERATE_TOKEN}) so only people who know it can use the console`,
    )
  }

  const timeoutRaw = env.PROXY_TIMEOUT_MS?.trim()
  const timeoutMs = timeoutRaw ? parseInteger(env, 'PROXY_TIMEOUT_MS', 0, 1, 3_600_000) : null

  return {
    port,
    host,
    apiKey,
    baseUrl,
    upstreamOrigin: upstreamOriginOf(baseUrl),
    consoleToken,
    consoleTokenGenerated,
    timeoutMs,
    bodyLimit: parseInteger(env, 'PROXY_BODY_LIMIT', DEFAULT_BODY_LIMIT, 1, 2 ** 40),
    sandboxDataDir: env.SANDBOX_DATA_DIR?.trim() || DEFAULT_SANDBOX_DATA_DIR,
    sandboxMemory: parseFlag(env, 'SANDBOX_MEMORY'),
    sandboxStrict: parseFlag(env, 'SANDBOX_STRICT'),
  }
}

/**
 * The start-up lines about the console token. A generated token is printed here, once, since there
 * is no other way to learn it; a configured one never is (nor, anywhere, the key).
 */
export function tokenLines(
  config: Pick<ConsoleConfig, 'consoleToken' | 'consoleTokenGenerated'>,
): string[] {
  if (!config.consoleToken) return []
  if (!config.consoleTokenGenerated) return ['  Sign-in:  required (CONSOLE_TOKEN)']
  return [
    '  Sign-in:  required; the token made at this start (CONSOLE_TOKEN=generate, shown only here):',
    `            ${config.consoleToken}`,
  ]
}

/** 256 random bits, base64url: 43 characters, safe in a cookie. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/**
 * Reads `.env` (if present; variables already in the environment win) and validates
 * `process.env`. Call once at start.
 */
export function loadConfig(envFile = '.env'): ConsoleConfig {
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile)
  return parseConfig(process.env)
}
