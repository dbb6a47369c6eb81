import { useCallback, useEffect, useRef, useState } from 'react'
import { callAction } from '../../api/call'
import type { ActionContract, InputOf, OutputOf } from '../../contracts/action'

/**
 * The staff pages' one way to call an action: checks the input against the contract first (so a form never sends
 * what the server would refuse for its shape), lets one call run at a time (no double submit), and keeps the
 * server's message per form key for display.
 */

const CJK = /[\u4e00-\u9fff]/

/** The first problem the contract finds in `input`, in Chinese, or null when the input fits. */
export function checkInput<C extends ActionContract>(contract: C, input: InputOf<C>): string | null {
  const parsed = contract.input.safeParse(input)
  if (parsed.success) return null
  const issue = parsed.error.issues[0]
  if (!issue) return '输入有误'
  // Contract messages written for people are Chinese; zod's generic ones are not: name the field instead.
  return CJK.test(issue.message) ? issue.message : `请检查「${issue.path.join('.') || '输入'}」`
}

export interface Calls {
  /** The key of the call in flight, or null. Every submit button disables while this is set. */
  busy: string | null
  run<C extends ActionContract>(key: string, contract: C, input: InputOf<C>): Promise<OutputOf<C> | null>
  errorOf(key: string): string | undefined
  /** Show a page's own validation message under a form, without calling anything. */
  fail(key: string, message: string): void
  clear(key: string): void
}

export function useCalls(): Calls {
  const [busy, setBusy] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const inFlight = useRef(false)

  const fail = useCallback((key: string, message: string) => setErrors((e) => ({ ...e, [key]: message })), [])
  const clear = useCallback(
    (key: string) =>
      setErrors((e) => {
        if (!(key in e)) return e
        const next = { ...e }
        delete next[key]
        return next
      }),
    [],
  )

  const run = useCallback(
    async <C extends ActionContract>(key: string, contract: C, input: InputOf<C>): Promise<OutputOf<C> | null> => {
      if (inFlight.current) return null
      const problem = checkInput(contract, input)
      if (problem) {
        fail(key, problem)
        return null
      }
      inFlight.current = true
      setBusy(key)
      clear(key)
      try {
        const outcome = await callAction(contract, input)
        if (!outcome.ok) {
          fail(key, outcome.error.message || outcome.error.code)
          return null
        }
        return outcome.data as OutputOf<C>
      } finally {
        inFlight.current = false
        setBusy(null)
      }
    },
    [clear, fail],
  )

  const errorOf = useCallback((key: string) => errors[key], [errors])
  return { busy, run, errorOf, fail, clear }
}

export type Loaded<T> = { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'error'; message: string }

/**
 * Loads a page's data with one action; only the latest request may set the state. `input` null means "not yet"
 * (e.g. waiting for a choice). `reload` asks again with the same input.
 */
export function useLoad<C extends ActionContract>(contract: C, input: InputOf<C> | null, deps: readonly unknown[]) {
  const [state, setState] = useState<Loaded<OutputOf<C>>>({ kind: 'loading' })
  const latest = useRef(0)
  const inputRef = useRef(input)
  inputRef.current = input

  const reload = useCallback(async () => {
    const seq = ++latest.current
    const current = inputRef.current
    if (current === null) return
    setState((s) => (s.kind === 'ready' ? s : { kind: 'loading' }))
    const outcome = await callAction(contract, current)
    if (seq !== latest.current) return
    setState(outcome.ok ? { kind: 'ready', data: outcome.data as OutputOf<C> } : { kind: 'error', message: outcome.error.message || outcome.error.code })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [contract])

  useEffect(() => {
    setState({ kind: 'loading' })
    void reload()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)

  /** Replace the loaded data with a newer answer (e.g. an action's output), cancelling any load in flight. */
  const set = useCallback((data: OutputOf<C>) => {
    latest.current++
    setState({ kind: 'ready', data })
  }, [])

  return { state, reload, set }
}
