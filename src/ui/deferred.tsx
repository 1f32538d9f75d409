import {
  cloneElement,
  Suspense,
  useLayoutEffect,
  useRef,
  useState,
  type ComponentType,
  type MouseEvent,
  type ReactElement,
  type RefObject,
} from 'react'

/**
 * Whether a menu opens as soon as its code is in, because its stand-in was clicked: `keyboard` when
 * the click came from Enter or Space (the menu then starts on its first item, as a key press on the
 * real trigger does).
 */
export type OpenOnLoad = false | 'pointer' | 'keyboard'

/**
 * Renders `component` (React.lazy: a menu whose code loads after the page's first render) with
 * `props`. While its code loads, `trigger` (the button that opens it) stands alone: a click on it
 * opens the menu as soon as it has loaded, and if it had focus, the real trigger takes it over. So
 * no page waits for menu code to show, and no keyboard user loses their place.
 */
export function Deferred<P extends object>({
  component: Component,
  props,
  trigger,
  defaultOpen = false,
}: {
  component: ComponentType<P & { defaultOpen: OpenOnLoad }>
  props: P
  trigger: ReactElement
  /** Open once loaded: a click on an outer stand-in (a Deferred inside a Deferred) is kept. */
  defaultOpen?: OpenOnLoad
}) {
  const [openOnLoad, setOpenOnLoad] = useState<OpenOnLoad>(defaultOpen)
  const wrapper = useRef<HTMLSpanElement>(null)
  const hadFocus = useRef(false)
  const standIn = cloneElement(trigger, {
    'aria-haspopup': 'menu',
    'aria-expanded': false,
    onClick: (event: MouseEvent) => {
      // A click from Enter or Space has no pointer position and detail 0.
      setOpenOnLoad(event.detail === 0 ? 'keyboard' : 'pointer')
    },
  } as { onClick: (event: MouseEvent) => void })
  return (
    // display: contents, so the wrapper, which outlives the stand-in, changes no layout.
    <span
      ref={wrapper}
      className="contents"
      onFocus={() => {
        hadFocus.current = true
      }}
      onBlur={(event) => {
        // Focus went elsewhere; a stand-in taken out of the page has no relatedTarget.
        if (event.relatedTarget !== null && !wrapper.current?.contains(event.relatedTarget))
          hadFocus.current = false
      }}
    >
      <Suspense fallback={standIn}>
        <Component {...props} defaultOpen={openOnLoad} />
        <KeepFocus wrapper={wrapper} hadFocus={hadFocus} />
      </Suspense>
    </span>
  )
}

/** Mounts with the loaded component: when the stand-in it replaced had focus, its trigger takes it. */
function KeepFocus({
  wrapper,
  hadFocus,
}: {
  wrapper: RefObject<HTMLSpanElement | null>
  hadFocus: RefObject<boolean>
}) {
  useLayoutEffect(() => {
    const active = document.activeElement
    if (hadFocus.current && (active === null || active === document.body))
      wrapper.current?.querySelector<HTMLElement>('button, [href]')?.focus()
  }, [wrapper, hadFocus])
  return null
}
