// Ports and the canary key of the end-to-end run. The canary is a well-formed key that the sandbox is
// seeded with and the proxy holds; the key-leak checks assert it never reaches the browser or a log.
// E2E_PROXY_PORT and CONSOLE_STATIC_DIR let two runs (e.g. two engineers) work side by side.
export const PROXY_PORT = Number(process.env.E2E_PROXY_PORT ?? 4100)
export const SANDBOX_PORT = PROXY_PORT + 1
export const DIST_DIR = process.env.CONSOLE_STATIC_DIR ?? 'dist'
export const BASE_URL = `http://127.0.0.1:${PROXY_PORT}`
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`
export const CANARY_SECRET = '5ca1ab1e0ddba11c0ffee0dd5eed5a1e' + 'deadbeefcafef00dfeedfacebadc0de5'
export const CANARY_KEY = `eliza_${CANARY_SECRET}`
export const LOG_DIR = `.e2e-logs/${PROXY_PORT}`
