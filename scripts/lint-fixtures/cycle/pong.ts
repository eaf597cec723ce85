import { ping } from './ping.ts'

export const pong = (n: number): number => (n <= 0 ? 1 : ping(n - 1))
