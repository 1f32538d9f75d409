import { Link } from 'react-router'
import { paths } from '~/util/paths'
import { TextLink } from '~/ui/text-link'

/** The way back to Saved Images above a page that opens from it. */
export function SavedImagesBreadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <TextLink asChild underline="hover">
        <Link to={paths.images()}>Saved Images</Link>
      </TextLink>
    </nav>
  )
}
