import { useId } from 'react'

/** What the owner answers for before an image leaves the project. */
export function BeforeYouShare() {
  const checklistId = useId()
  return (
    <section aria-labelledby={checklistId} className="rounded-md bg-gray-50 p-3 text-sm">
      <h3 id={checklistId} className="font-semibold">
        Before you share
      </h3>
      <ul className="mt-1 list-disc space-y-1 pl-5 text-gray-700">
        <li>
          <strong>Licences:</strong> you may pass on everything installed in the image (an operating
          system or software licence may not allow it).
        </li>
        <li>
          <strong>Secrets:</strong> the image holds no SSH keys, passwords, API tokens or
          certificates. Every member can read its whole disk.
        </li>
        <li>
          <strong>Malware:</strong> the image has been scanned and is up to date with security
          fixes.
        </li>
      </ul>
    </section>
  )
}
