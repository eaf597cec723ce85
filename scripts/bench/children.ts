// Every process the bench starts is registered here, so it is stopped on exit, on error and on
// Ctrl-C. Node children also stop by themselves when their IPC channel closes (parent gone).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import path from 'node:path'

const live = new Set<ChildProcess>()

export function track(child: ChildProcess): ChildProcess {
  live.add(child)
  child.once('exit', () => live.delete(child))
  return child
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null

/** SIGTERM (nginx: fast shutdown, workers included), then SIGKILL after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 2000): Promise<void> {
  if (hasExited(child)) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
  await exited
  clearTimeout(timer)
}

export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((child) => stop(child)))
}

/** For `process.on('exit')`, where nothing asynchronous runs any more. */
export function signalAllSync(): void {
  for (const child of live) {
    if (!hasExited(child)) child.kill('SIGTERM')
  }
}

export interface CommandResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs a command to completion, capturing its output. A missing binary rejects (ENOENT). */
export function runCommand(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { timeoutMs?: number } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] }))
    let stdout = ''
    let stderr = ''
    child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s))
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s))
    const timer = options.timeoutMs
      ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs)
      : undefined
    child.once('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/**
 * Starts `scripts/bench/<script>` in its own Node process (through tsx) and waits for its first IPC
 * message, which carries what the parent needs (e.g. the port it listens on).
 */
export async function startNodeChild<Ready>(
  root: string,
  script: string,
  args: readonly string[],
  timeoutMs = 15_000,
): Promise<{ child: ChildProcess; ready: Ready }> {
  const file = path.join(root, 'scripts', 'bench', script)
  const child = track(
    spawn(process.execPath, ['--import', 'tsx', file, ...args], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  )
  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${script} not ready after ${timeoutMs} ms`)),
        timeoutMs,
      )
      child.once('message', (message) => {
        clearTimeout(timer)
        resolve(message as Ready)
      })
      child.once('exit', (code, signal) => {
        clearTimeout(timer)
        reject(new Error(`${script} exited (${signal ?? code}) before it was ready`))
      })
    })
    return { child, ready }
  } catch (err) {
    await stop(child)
    throw err
  }
}

let nextId = 0

/** Sends one request over a child's IPC channel and waits for the reply carrying the same id. */
export function ask<Reply>(
  child: ChildProcess,
  message: object,
  timeoutMs = 60_000,
): Promise<Reply> {
  const id = ++nextId
  return new Promise((resolve, reject) => {
    const onMessage = (reply: { id?: number; error?: string }) => {
      if (reply.id !== id) return
      cleanup()
      if (reply.error) reject(new Error(reply.error))
      else resolve(reply as Reply)
    }
    const onExit = () => {
      cleanup()
      reject(new Error('the child process exited'))
    }
    const timer = setTimeout(() => {
      cleanup()
      reject(new Error(`no reply after ${timeoutMs} ms`))
    }, timeoutMs)
    const cleanup = () => {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
    child.send({ ...message, id })
  })
}
