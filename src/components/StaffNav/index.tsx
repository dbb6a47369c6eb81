import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { replaceWith, STAFF_PAGES } from '../../ui/nav'
import { useMe } from '../../ui/me'
import { staffNavFor, type StaffNavPage } from '../../domain/staff-nav'
import LinkRow from '../LinkRow'

/** The staff home (工作台); not in ui/nav's STAFF_PAGES (that module belongs to the routing work), so named here. */
export const STAFF_HOME = '/staff/home/index'

/** A staff page's route: the 工作台 here, the others in ui/nav. */
export function staffPageUrl(page: StaffNavPage): string {
  return page === 'home' ? STAFF_HOME : STAFF_PAGES[page]
}

function open(page: StaffNavPage): void {
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
 * Only the pages the caller's role may use are linked (src/domain/staff-nav.ts staffNavFor): a department member sees
 * 部门待办, not the community's pages. Until the caller is known (or when whoAmI cannot answer) no link is shown
 * rather than links the caller might not be able to use.
 */
export default function StaffNav({ here }: { here: StaffNavPage }) {
  const { me } = useMe()
  const links = staffNavFor(me?.role)
  return (
    <View className='sf-nav' role='navigation' aria-label='工作台导航'>
      {links.map((l) => (
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
