export type ItemSource = 'meeting' | 'handle' | 'transfer'
export const ITEM_SOURCE_LABELS: Record<ItemSource, string> = { meeting: '议事决议', handle: '受理自办', transfer: '转交办理' }
export function itemSource(r: { source?: ItemSource | null }): ItemSource { return r.source ?? 'meeting' }
