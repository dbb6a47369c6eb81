import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { replaceWith } from '../../ui/nav'
import LinkRow from '../LinkRow'

/** The staff home (工作台); not in ui/nav's STAFF_PAGES (that module belongs to the routing work), so named here. */
export const STAFF_HOME = '/staff/home/index'

const LINKS = [
  { page: 'home', label: '工作台' },
  { page: 'inbox', label: '诉求分类' },
  { page: 'board', label: '红黑榜' },
  { page: 'callbacks', label: '月回访' },
  { page: 'invite', label: '邀请码' },
  { page: 'lists', label: '清单' },
] as const

type Here = (typeof LINKS)[number]['page']

function open(page: Here): void {
  if (page !== 'home') return replaceWith(page)
  try {
    Promise.resolve(Taro.redirectTo({ url: STAFF_HOME })).catch(() => undefined)
  } catch {
    // the page stays where it is
  }
}

/**
 * Links between the staff list pages; each replaces the current one so the page stack does not grow. They are links
 * to assistive technology and the keyboard (LinkRow: role=link, focusable, Enter), the page shown marked aria-current=page.
 */
export default function StaffNav({ here }: { here: Here }) {
  return (
    <View className='sf-nav' role='navigation' aria-label='工作台导航'>
      {LINKS.map((l) => (
        <LinkRow
          key={l.page}
          className={`sf-nav__link ${l.page === here ? 'sf-nav__link--here' : ''}`}
          current={l.page === here}
          onOpen={() => {
            if (l.page !== here) open(l.page)
          }}
        >
          {l.label}
        </LinkRow>
      ))}
    </View>
  )
}
