/**
 * Keeps keyboard focus from falling to <body> when the focused control goes away: a member row
 * removed after its Remove was confirmed, a Re-share button gone once the share is pending again,
 * a button disabled by its own success. Focus moves to the nearest control that is still there,
 * preferring what took the old one's place (the next row), then what came before it.
 *
 * It looks no further out than <main> (the header's own controls: <body>), and only from the
 * page, never into a menu or dialog: a page that changes as a whole is the router's business, and
 * an opening layer places its own focus.
 */

const focusable =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/** Dialogs and menus: layers over the page, whose controls go away with them. */
const layer = '[role="dialog"], [role="alertdialog"], [role="menu"]'

type Place = { ancestor: Element; index: number }

/** Each ancestor of el up to its main or dialog, with the index of the child that leads to el. */
function placesOf(el: Element): Place[] {
  const places: Place[] = []
  let child = el
  let parent = el.parentElement
  while (parent && !parent.matches(`main, body, ${layer}`)) {
    places.push({ ancestor: parent, index: [...parent.children].indexOf(child) })
    child = parent
    parent = parent.parentElement
  }
  return places
}

const gone = (el: Element) => !el.isConnected || el.matches(':disabled')

function nearestSurvivor(places: Place[]): HTMLElement | undefined {
  for (const { ancestor, index } of places) {
    if (!ancestor.isConnected) continue
    const children = [...ancestor.children]
    const within = (c: Element) => (c.matches(focusable) ? [c] : [...c.querySelectorAll(focusable)])
    // The first control from the old one's place on, else the last one before it.
    const after = children.slice(index).flatMap(within).at(0)
    const before = children.slice(0, index).flatMap(within).at(-1)
    const target = after ?? before
    if (target instanceof HTMLElement) return target
  }
  return undefined
}

export function startFocusRescue() {
  let last: Element | null = null
  // The last control focused on the page itself, not in a layer: where a closed dialog returns.
  let onPage: { el: Element; places: Place[] } | null = null
  document.addEventListener('focusin', (event) => {
    if (!(event.target instanceof Element)) return
    last = event.target
    if (!last.closest(layer)) onPage = { el: last, places: placesOf(last) }
  })
  const rescue = () => {
    // Only when what had focus went away: a click on the page's background is left alone.
    if (document.activeElement !== document.body || last === null || !gone(last)) return
    // A menu or dialog opening (a deferred trigger swapped for the real one) places focus itself.
    if (onPage === null || document.querySelector(layer)) return
    if (!gone(onPage.el) && onPage.el instanceof HTMLElement) onPage.el.focus()
    else nearestSurvivor(onPage.places)?.focus()
  }
  // After the mutation's own focus moves: a closing dialog returns focus in a timeout of its own.
  new MutationObserver(() => {
    if (document.activeElement === document.body && last !== null) setTimeout(rescue, 0)
  }).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['disabled'],
  })
}
