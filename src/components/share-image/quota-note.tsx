import type { ApiError } from '~/api/http'

/** How many members the image has and may have, as far as the panel knows. */
export function QuotaNote(props: {
  limit: number
  learnt: boolean
  used: number | undefined
  loading: boolean
  error: ApiError | null
}) {
  const { limit, learnt, used, loading, error } = props
  const source = learnt
    ? 'as Glance reported it'
    : 'Glance’s default image_member_quota; your cloud may set another, and Glance will say so'
  if (limit < 0) return null
  return (
    <p className="text-sm text-gray-600">
      {loading
        ? 'Checking the current members…'
        : error
          ? `The current members could not be listed (${error.message}); Glance will still refuse repeats.`
          : used !== undefined
            ? `Members: ${String(used)} of at most ${String(limit)} (${source}).`
            : `At most ${String(limit)} members per image (${source}).`}
    </p>
  )
}
