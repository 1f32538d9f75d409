import { Link } from 'react-router'

/** The way back to Saved Images above a page that opens from it. */
export function SavedImagesBreadcrumb() {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link to="/images" className="text-blue-700 underline-offset-2 hover:underline">
        Saved Images
      </Link>
    </nav>
  )
}
