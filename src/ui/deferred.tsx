import {
  cloneElement,
  Suspense,
  useState,
  type ComponentType,
  type MouseEvent,
  type ReactElement,
} from 'react'

/**
 * Whether a menu opens as soon as its code is in, because its stand-in was clicked: `keyboard` when
 * the click came from Enter or Space (the menu then starts on its first item, as a key press on the
 * real trigger does).
 */
export type OpenOnLoad = false | 'pointer' | 'keyboard'

/**
 * Renders `component` (React.lazy: a menu whose code loads after the page's first render) with
 * `props`. While its code loads, `trigger` (the button that opens it) stands alone, and a click on
 * it opens the menu as soon as it has loaded. So no page waits for menu code to show.
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
  const standIn = cloneElement(trigger, {
    'aria-haspopup': 'menu',
    'aria-expanded': false,
    onClick: (event: MouseEvent) => {
      // A click from Enter or Space has no pointer position and detail 0.
      setOpenOnLoad(event.detail === 0 ? 'keyboard' : 'pointer')
    },
  } as { onClick: (event: MouseEvent) => void })
  return (
    <Suspense fallback={standIn}>
      <Component {...props} defaultOpen={openOnLoad} />
    </Suspense>
  )
}
