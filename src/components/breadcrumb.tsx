import { paths } from '~/util/paths'
import { RouterTextLink } from '~/components/router-links'

/** The way back to Saved Images above a page that opens from it. */
export function SavedImagesBreadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <RouterTextLink underline="hover" to={paths.images()}>
        Saved Images
      </RouterTextLink>
    </nav>
  )
}
