import { Link } from 'react-router'

export default function NotFound() {
  return (
    <div className="py-12">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-2 text-gray-700">There is no page at this address.</p>
      <Link className="mt-4 inline-block text-blue-700 underline" to="/images">
        Go to Saved Images
      </Link>
    </div>
  )
}
