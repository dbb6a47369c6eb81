/**
 * Shared by the staff page tests (tests/pages/staff-*.test.tsx): a gateway that answers by action name and records
 * what each action was sent, typing into Taro's H5 form components, the route of the page under test, and view
 * fixtures checked against the contracts' output schemas (so a contract change breaks the fixtures, not silently
 * the pages).
 */
import { act } from 'react'
import Taro from '@tarojs/taro'
import { installFakeGateway } from './fake-gateway'
import { reportView, type ReportView } from '../../src/contracts/reports'
import { topicDetailView, resolutionView, type ResolutionView, type TopicDetailView } from '../../src/contracts/topics'

type Handler = (input: any) => unknown

/** Answers every cloud function by `data.action`; unknown actions fail as the real router does. */
export function staffGateway(actions: Record<string, Handler>) {
  const dispatch = async (data: { action?: string; input?: unknown }) => {
    const handler = data?.action ? actions[data.action] : undefined
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_ACTION', message: `no handler for ${String(data?.action)}` } }
    return handler(data.input)
  }
  const gw = installFakeGateway([], { account: dispatch, reports: dispatch, topics: dispatch, resolutions: dispatch, board: dispatch, media: dispatch, supervision: dispatch })
  /** The inputs sent to one action, in order. */
  const sent = (action: string): any[] =>
    gw.calls.filter((c) => c.url.includes('/api/functions/') && (c.body as { action?: string })?.action === action).map((c) => (c.body as { input?: unknown }).input)
  return { ...gw, sent }
}

export const ok = (data: unknown) => ({ ok: true, data })
export const fail = (code: string, message: string) => ({ ok: false, error: { code, message } })

/** A promise the test resolves by hand: holds a call in flight. */
export function deferred<T = unknown>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

export function whoAmIAs(role: string, extra: Record<string, unknown> = {}) {
  return () =>
    ok({
      openid: `o-${role}`,
      source: 'wx_client',
      user: { displayName: '刘敏', role, communityId: 'c1', communityName: '屏山社区', gridId: 'g1', buildingId: null, townshipId: 't1', ...extra },
    })
}

/** The query of the page under test, as Taro's router hands it over. */
export function setRoute(path: string, params: Record<string, string>) {
  const current = Taro.getCurrentInstance() as { router: unknown }
  current.router = { path, params, onReady: '', onHide: '', onShow: '' }
}

/** Taro.navigateTo / redirectTo / navigateBack replaced by recorders for one test. */
export function recordNavigation() {
  const t = Taro as unknown as Record<string, unknown>
  const saved = { navigateTo: t.navigateTo, redirectTo: t.redirectTo, navigateBack: t.navigateBack, getCurrentPages: t.getCurrentPages }
  const nav = {
    navigateTo: jest.fn(async (_: { url: string }) => ({ errMsg: 'navigateTo:ok' })),
    redirectTo: jest.fn(async (_: { url: string }) => ({ errMsg: 'redirectTo:ok' })),
    navigateBack: jest.fn(async () => ({ errMsg: 'navigateBack:ok' })),
    getCurrentPages: jest.fn(() => [] as unknown[]),
    restore: () => Object.assign(t, saved),
  }
  Object.assign(t, { navigateTo: nav.navigateTo, redirectTo: nav.redirectTo, navigateBack: nav.navigateBack, getCurrentPages: nav.getCurrentPages })
  return nav
}

const inputValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!

/** Types into a Taro Input (a real <input>) or Textarea (taro-textarea-core) as a person would. */
export async function typeInto(el: Element, value: string) {
  await act(async () => {
    if (el instanceof HTMLInputElement) {
      inputValue.call(el, value)
      el.dispatchEvent(new Event('input', { bubbles: true }))
    } else {
      el.dispatchEvent(new CustomEvent('input', { detail: { value }, bubbles: true }))
    }
  })
}

/** The input element of the form field labelled `label` inside `scope`. Throws when missing (usable in waitFor). */
export function field(scope: Element, label: string): Element {
  const fields = Array.from(scope.querySelectorAll('.sf-field'))
  const found = fields.find((f) => f.querySelector(':scope > .sf-field__label')?.textContent === label)
  const input = found?.querySelector('input, taro-textarea-core')
  if (!input) throw new Error(`no field labelled "${label}" among: ${fields.map((f) => f.querySelector('.sf-field__label')?.textContent).join(' | ')}`)
  return input
}

/** The element matching `selector` whose text includes `text`. */
export function byText(scope: Element, selector: string, text: string): HTMLElement {
  const all = Array.from(scope.querySelectorAll<HTMLElement>(selector))
  const found = all.find((e) => (e.textContent ?? '').includes(text))
  if (!found) throw new Error(`no ${selector} with "${text}" among: ${all.map((e) => e.textContent).join(' | ')}`)
  return found
}

export async function toggleSwitch(scope: Element, value: boolean) {
  const el = scope.querySelector('taro-switch-core')
  if (!el) throw new Error('no switch')
  await act(async () => {
    el.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true }))
  })
}

export const PAST = '2020-03-01T02:00:00.000Z'
export const FUTURE = '2099-03-01T02:00:00.000Z'

export function aReport(patch: Partial<ReportView> = {}): ReportView {
  return reportView.parse({
    id: 'r1',
    text: '3 号楼门口路灯坏了一个月',
    category: 'infrastructure',
    photos: [],
    location: { latitude: 26.65, longitude: 118.17, name: '屏山小区 3 号楼' },
    submittedAt: '2026-11-20T01:30:00.000Z',
    status: 'submitted',
    statusLabel: '待处理',
    reporterName: '王秀兰',
    gridId: 'g1',
    triage: null,
    timeline: [],
    allowedActions: ['triageReport'],
    ...patch,
  })
}

export function aResolution(patch: Partial<ResolutionView> = {}): ResolutionView {
  return resolutionView.parse({
    id: 'tp1_r01',
    topicId: 'tp1',
    title: '更换 3 号楼路灯',
    vote: { for: 20, against: 2, abstain: 1 },
    passed: true,
    assigneeName: '陈网格',
    dueAt: FUTURE,
    status: 'handling',
    statusLabel: '办理中',
    disclosureDueAt: FUTURE,
    disclosures: [],
    resultPublishedAt: null,
    averageRating: null,
    ratingCount: 0,
    ratings: [],
    myRating: null,
    callback: null,
    callbacks: [],
    allowedActions: [],
    ...patch,
  })
}

export function aTopic(patch: Partial<TopicDetailView> = {}): TopicDetailView {
  return topicDetailView.parse({
    id: 'tp1',
    title: '3 号楼路灯维修',
    category: 'infrastructure',
    stage: 'published',
    stageLabel: '议题已发布',
    flow: { step: 1, done: true },
    meetingAt: PAST,
    meetingPlace: '社区党群服务中心',
    publishedAt: PAST,
    noticeClosesAt: null,
    resultPublishedAt: null,
    counts: { joined: 3, followed: 5, support: 4, oppose: 1, opinions: 0, objections: 0, unansweredObjections: 0 },
    description: '路灯损坏，夜间出行不便。',
    invitees: [],
    requiresFourDeliberations: false,
    deliberations: [],
    heldAt: null,
    minutes: null,
    attendance: null,
    quorumMet: null,
    meetingPhotos: [],
    notice: null,
    noticeHistory: [],
    resolutions: [],
    objections: [],
    opinions: [],
    reports: [],
    timeline: [],
    me: { joined: false, followed: false, stance: null },
    allowedActions: [],
    ...patch,
  })
}
