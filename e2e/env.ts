// Ports and the canary key of the end-to-end run. The canary is a well-formed key that the sandbox is
// seeded with and the proxy holds; the key-leak checks assert it never reaches the browser or a log.
export const PROXY_PORT = 4100
export const SANDBOX_PORT = 4101
export const BASE_URL = `http://127.0.0.1:${PROXY_PORT}`
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`
export const CANARY_SECRET = '5ca1ab1e0ddba11c0ffee0dd5eed5a1e' + 'deadbeefcafef00dfeedfacebadc0de5'
export const CANARY_KEY = `eliza_${CANARY_SECRET}`
export const LOG_DIR = '.e2e-logs'
