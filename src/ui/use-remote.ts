import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import type { Outcome } from '../contracts/action'

export type Remote<T> = { kind: 'loading' } | { kind: 'ready'; data: T } | { kind: 'error'; code: string; message: string }

/**
 * The one way a page loads its data (resident, staff and home pages alike): one loader, loading → ready | error,
 * reloadable, and reloaded when the page shows again (coming back from another page). Only the latest request may set
 * the state, so a slow old answer never wins. A loader that returns null means "not yet" (e.g. waiting for a choice):
 * the page stays loading and nothing is asked.
 */
export function useRemote<T>(load: () => Promise<Outcome<T>> | null, deps: readonly unknown[] = []) {
  const [state, setState] = useState<Remote<T>>({ kind: 'loading' })
  const seq = useRef(0)
  const hidden = useRef(false)
  // The caller's deps say when the loader is a new one, as they do for useEffect itself: a page passes the values
  // its request is built from, so a changed filter asks again and a re-render alone does not.
  // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo
  const loader = useCallback(load, deps)

  /** Ask again. `quiet` keeps what is on screen until the answer comes (a refresh after an action). */
  const reload = useCallback(
    async (quiet = false) => {
      const mine = ++seq.current
      const pending = loader()
      if (!pending) return setState({ kind: 'loading' })
      if (!quiet) setState({ kind: 'loading' })
      const outcome = await pending
      if (mine !== seq.current) return
      setState(outcome.ok ? { kind: 'ready', data: outcome.data } : { kind: 'error', code: outcome.error.code, message: outcome.error.message || outcome.error.code })
    },
    [loader],
  )

  useEffect(() => {
    // A new loader (new deps) shows "loading" at once rather than the previous request's data under the new choice.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload()
  }, [reload])

  // Only a page that was hidden reloads on show: the first show is the initial load above.
  Taro.useDidHide?.(() => {
    hidden.current = true
  })
  Taro.useDidShow?.(() => {
    if (!hidden.current) return
    hidden.current = false
    void reload(true)
  })

  /** Replace the data with a fresher copy an action returned (no round trip), cancelling any load in flight. */
  const setData = useCallback((data: T) => {
    seq.current++
    setState({ kind: 'ready', data })
  }, [])

  return { state, reload, setData }
}
