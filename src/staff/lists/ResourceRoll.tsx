import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Btn from '../../components/Btn'
import ChipGroup from '../../components/ChipGroup'
import ErrorText from '../../components/ErrorText'
import Field from '../../components/Field'
import { callAction } from '../../api/call'
import { useRemote } from '../../ui/use-remote'
import { useCalls } from '../../ui/calls'
import { listResources, listVolunteerCandidates, retireResource, saveResource } from '../../contracts/supervision'

type Kind = 'unit' | 'party_member' | 'volunteer'
const KINDS = [
  { value: 'unit', label: '单位' },
  { value: 'party_member', label: '党员' },
  { value: 'volunteer', label: '志愿者' },
] as const
const EMPTY = { name: '', kind: 'unit' as Kind, offer: '', contact: '', volunteerOpenid: null as string | null }

/**
 * 资源清单 kept by the community's staff: register a unit, Party member or volunteer with what they offer (the
 * contact stays with the staff), and retire an entry. A volunteer may be linked to a resident of the community —
 * only by picking from the residents the server finds by name (listVolunteerCandidates), never by typing an id —
 * so that resident may take 揭榜 items in person. Shown under the 资源清单 list; the buttons follow the server's
 * allowedActions.
 */
export default function ResourceRoll({ communityId, onChanged }: { communityId: string | null; onChanged: () => void }) {
  const roll = useRemote(() => callAction(listResources, communityId ? { communityId } : {}), [communityId])
  const calls = useCalls()
  const [draft, setDraft] = useState(EMPTY)
  const refresh = () => {
    void roll.reload(true)
    onChanged()
  }
  const add = async () => {
    const linked = draft.kind === 'volunteer' && draft.volunteerOpenid ? { volunteerOpenid: draft.volunteerOpenid } : {}
    const out = await calls.run('add', saveResource, { name: draft.name.trim(), kind: draft.kind, offer: draft.offer.trim(), contact: draft.contact.trim(), ...linked }, { done: '已登记' })
    if (out) {
      setDraft(EMPTY)
      refresh()
    }
  }
  const retire = async (id: string) => {
    if (await calls.run(`retire:${id}`, retireResource, { resourceId: id }, { done: '已退出' })) refresh()
  }
  if (roll.state.kind === 'error') return <ErrorText message={`资源清单加载失败：${roll.state.message}`} />
  if (roll.state.kind !== 'ready') return <Text className='muted'>正在加载资源…</Text>
  const { resources, allowedActions } = roll.state.data
  return (
    <View className='sf-section'>
      <Text className='sf-section__title'>{`在册资源（${resources.length}）`}</Text>
      {resources.map((r) => (
        <View key={r.id} className='ls-row'>
          <Text className='ls-cell'>{`${r.kindLabel}｜${r.name}`}</Text>
          <Text className='ls-cell'>{`可提供：${r.offer}`}</Text>
          <Text className='ls-cell'>{`联系方式：${r.contact}`}</Text>
          {r.registeredVolunteer ? <Text className='ls-cell'>已关联本社区居民（可本人揭榜）</Text> : null}
          {r.allowedActions.includes('retireResource') ? (
            <Btn small busy={calls.busy === `retire:${r.id}`} disabled={calls.busy !== null} onTap={() => void retire(r.id)}>
              退出
            </Btn>
          ) : null}
        </View>
      ))}
      <ErrorText message={calls.errorOf('add') ?? resources.map((r) => calls.errorOf(`retire:${r.id}`)).find(Boolean) ?? null} />
      {allowedActions.includes('saveResource') ? (
        <View className='sf-section'>
          <Text className='sf-section__title'>登记资源</Text>
          <ChipGroup label='类别' options={KINDS} value={draft.kind} onChange={(kind) => setDraft((d) => ({ ...d, kind }))} />
          <Field label='名称' value={draft.name} maxlength={60} onChange={(name) => setDraft((d) => ({ ...d, name }))} />
          <Field label='可提供的服务' value={draft.offer} max={300} multiline onChange={(offer) => setDraft((d) => ({ ...d, offer }))} />
          <Field label='联系方式（仅工作人员可见）' value={draft.contact} maxlength={60} onChange={(contact) => setDraft((d) => ({ ...d, contact }))} />
          {draft.kind === 'volunteer' ? <LinkResident value={draft.volunteerOpenid} onChange={(volunteerOpenid) => setDraft((d) => ({ ...d, volunteerOpenid }))} /> : null}
          <Btn
            small
            kind='primary'
            busy={calls.busy === 'add'}
            disabled={calls.busy !== null || !draft.name.trim() || !draft.offer.trim() || !draft.contact.trim()}
            onTap={() => void add()}
          >
            登记
          </Btn>
        </View>
      ) : null}
    </View>
  )
}

/** 关联居民: find residents of the community by name and pick one (or none) for the volunteer entry. */
function LinkResident({ value, onChange }: { value: string | null; onChange: (openid: string | null) => void }) {
  const [name, setName] = useState('')
  const [asked, setAsked] = useState<string | null>(null)
  const found = useRemote(() => (asked === null ? null : callAction(listVolunteerCandidates, { name: asked })), [asked])
  const residents = found.state.kind === 'ready' ? found.state.data.residents : []
  return (
    <View className='sf-section' aria-label='关联居民'>
      <Text className='muted'>可关联一名本社区居民（可不关联）：关联后该居民可在「揭榜」页本人揭榜。</Text>
      <Field label='居民姓名' value={name} maxlength={20} onChange={setName} />
      <Btn small onTap={() => setAsked(name.trim())}>
        查找居民
      </Btn>
      {found.state.kind === 'loading' && asked !== null ? <Text className='muted'>正在查找…</Text> : null}
      {found.state.kind === 'error' ? <ErrorText message={found.state.message} /> : null}
      {found.state.kind === 'ready' && residents.length === 0 ? <Text className='muted'>没有找到该居民</Text> : null}
      {residents.length ? (
        <ChipGroup label='选择居民' options={residents.map((r) => ({ value: r.openid, label: `${r.displayName}（${r.roleLabel}）` }))} value={value} onChange={onChange} />
      ) : null}
      {found.state.kind === 'ready' && found.state.data.more ? <Text className='muted'>结果较多，请输入更完整的姓名</Text> : null}
      {value ? (
        <Btn small kind='ghost' onTap={() => onChange(null)}>
          不关联居民
        </Btn>
      ) : null}
    </View>
  )
}
