import { useEffect, useState } from 'react'
import { callAction } from '../api/call'
import { getCommunitySettings } from './actions'
import { CATEGORIES, CATEGORY_LABELS } from '../domain/model'

/**
 * A community's own categories (account.getCommunitySettings): the ones open for new reports and topics, in the
 * community's order, and the label of any id it ever had (a category a community added has no entry in
 * CATEGORY_LABELS; a retired one keeps its label for old reports). Until the list arrives, or where it cannot be
 * read, the default list and labels stand in; an id nobody knows shows as itself.
 */
type Entry = { id: string; label: string; retired: boolean }

/** Lists already read, by community ('' = the caller's own); a page shows one at once and asks again on mount. */
const known = new Map<string, Entry[]>()
const asking = new Map<string, Promise<Entry[] | null>>()

function ask(key: string): Promise<Entry[] | null> {
  let pending = asking.get(key)
  if (!pending) {
    pending = callAction(getCommunitySettings, key ? { communityId: key } : {}).then((o) => {
      asking.delete(key)
      if (!o.ok) return null
      known.set(key, o.data.categories)
      return o.data.categories
    })
    asking.set(key, pending)
  }
  return pending
}

export interface CategoryChoice {
  value: string
  label: string
}

export interface Categories {
  /** Open categories, in the community's order: what a new report or topic may be filed under. */
  open: CategoryChoice[]
  /** The community's label for an id (retired ones included). */
  labelOf(id: string): string
}

/** The label of an id from a list, else the default label, else the id itself. */
export function categoryLabel(list: readonly Entry[] | null | undefined, id: string): string {
  return list?.find((e) => e.id === id)?.label ?? CATEGORY_LABELS[id] ?? id
}

/** The categories of `communityId`, or of the caller's own community when none is given. */
export function useCategories(communityId?: string | null, enabled = true): Categories {
  const key = communityId ?? ''
  const [list, setList] = useState<Entry[] | null>(() => known.get(key) ?? null)
  useEffect(() => {
    if (!enabled) return
    let live = true
    void ask(key).then((l) => {
      if (live && l) setList(l)
    })
    return () => {
      live = false
    }
  }, [key, enabled])
  const open = list ? list.filter((e) => !e.retired).map((e) => ({ value: e.id, label: e.label })) : CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))
  return { open, labelOf: (id: string) => categoryLabel(list, id) }
}

/**
 * What a view's category reads as: the community's label the record carries (a category the community added or
 * renamed), else the default label, else the id.
 */
export function categoryText(x: { category: string; categoryLabel?: string }): string {
  return x.categoryLabel ?? CATEGORY_LABELS[x.category] ?? x.category
}
