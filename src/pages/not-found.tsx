import { paths } from '~/util/paths'
import { RouterTextLink } from '~/components/router-links'

export default function NotFound() {
  return (
    <div className="py-12">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-gray-700">There is no page at this address.</p>
      <RouterTextLink className="mt-4 inline-block" to={paths.images()}>
        Go to Saved Images
      </RouterTextLink>
    </div>
  )
}
