import { useId } from 'react'
import type { SharedStatus } from '~/api/images'
import { cn } from '~/ui/cn'

const statusChoices: { value: SharedStatus; label: string }[] = [
  { value: 'pending', label: 'Pending' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'all', label: 'All' },
]

/** Shared with me, by the project's answer (Glance's member_status). */
export function StatusPicker({
  status,
  onStatus,
}: {
  status: SharedStatus
  onStatus: (s: SharedStatus) => void
}) {
  const labelId = useId()
  const name = useId()
  return (
    <div className="mt-4 flex flex-wrap items-center gap-x-4 gap-y-2">
      <span id={labelId} className="text-sm font-medium text-gray-900">
        Membership status
      </span>
      <div role="radiogroup" aria-labelledby={labelId} className="flex flex-wrap gap-2">
        {statusChoices.map((c) => (
          <label
            key={c.value}
            className={cn(
              'inline-flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm',
              status === c.value
                ? 'border-brand-700 bg-brand-50 text-brand-800'
                : 'border-gray-300 text-gray-800 hover:border-gray-500',
              'has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-600',
            )}
          >
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={status === c.value}
              onChange={() => onStatus(c.value)}
              className="accent-brand-700"
            />
            {c.label}
          </label>
        ))}
      </div>
    </div>
  )
}
