import { Link } from 'react-router'
import { paths } from '~/util/paths'
import { TextLink } from '~/ui/text-link'

export default function NotFound() {
  return (
    <div className="py-12">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-gray-700">There is no page at this address.</p>
      <TextLink asChild className="mt-4 inline-block">
        <Link to={paths.images()}>Go to Saved Images</Link>
      </TextLink>
    </div>
  )
}
