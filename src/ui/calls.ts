import { useCallback, useRef, useState } from 'react'
import { callAction } from '../api/call'
import { confirmAction, inWords, toast } from './feedback'
import type { ActionContract, InputOf, OutputOf } from '../contracts/action'

/**
 * The staff pages' one way to call an action (their data loads through useRemote, like every page): checks the input against the contract first (so a form never sends
 * what the server would refuse for its shape), lets one call run at a time (no double submit), and keeps the
 * server's message per form key for display.
 */

const CJK = /[\u4e00-\u9fff]/

/** The staff forms' fields by their contract name, for a message about a field whose contract rule has no Chinese text. */
const FIELD_NAMES: Record<string, string> = {
  title: '标题',
  description: '议题说明',
  text: '内容',
  note: '说明',
  reason: '修改原因',
  department: '转交部门',
  meetingAt: '议事时间',
  meetingPlace: '议事地点',
  invitees: '受邀人',
  minutes: '会议纪要',
  households: '到会户数',
  invitedHouseholds: '应邀户数',
  objectionWindowDays: '异议期',
  outcome: '回访结果',
  displayName: '姓名',
  role: '岗位',
}

/** The first problem the contract finds in `input`, in Chinese, or null when the input fits. */
export function checkInput<C extends ActionContract>(contract: C, input: InputOf<C>): string | null {
  const parsed = contract.input.safeParse(input)
  if (parsed.success) return null
  const issue = parsed.error.issues[0]
  if (!issue) return '输入有误'
  // Contract messages written for people are Chinese; zod's generic ones are not: name the field instead.
  return CJK.test(issue.message) ? issue.message : `请检查「${FIELD_NAMES[String(issue.path[issue.path.length - 1] ?? '')] ?? '填写的内容'}」`
}

export interface RunOptions {
  /** Asked (Taro.showModal) after the input passed the contract and before the call: for what cannot be undone. */
  confirm?: { title: string; content: string; confirmText?: string }
  /** Said (a toast) once the call succeeded. */
  done?: string
}

export interface Calls {
  /** The key of the call in flight, or null. Every submit button disables while this is set. */
  busy: string | null
  run<C extends ActionContract>(key: string, contract: C, input: InputOf<C>, options?: RunOptions): Promise<OutputOf<C> | null>
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
    async <C extends ActionContract>(key: string, contract: C, input: InputOf<C>, options: RunOptions = {}): Promise<OutputOf<C> | null> => {
      if (inFlight.current) return null
      const problem = checkInput(contract, input)
      if (problem) {
        fail(key, problem)
        return null
      }
      inFlight.current = true
      if (options.confirm) {
        const { title, content, confirmText } = options.confirm
        const yes = await confirmAction(title, content, confirmText)
        if (!yes) {
          inFlight.current = false
          return null
        }
      }
      setBusy(key)
      clear(key)
      try {
        const outcome = await callAction(contract, input)
        if (!outcome.ok) {
          // The server's sentence, never a bare code or a transport detail.
          fail(key, inWords(outcome.error.message))
          return null
        }
        if (options.done) toast(options.done)
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
