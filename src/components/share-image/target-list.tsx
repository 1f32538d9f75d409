import type { ShareTarget } from '~/api/share-targets'
import { ProjectLabel } from '~/components/project-label'

/** The live check of what was typed: one row per entry, with its name where Keystone tells it. */
export function TargetList({ targets }: { targets: ShareTarget[] }) {
  return (
    <ul aria-label="Entries to share" className="grid gap-1 text-sm">
      {targets.map((t, i) => (
        // An entry can repeat, so its place is part of its key.
        <li key={`${String(i)}-${t.raw}`} className="flex flex-wrap items-baseline gap-x-2">
          {t.id ? (
            <ProjectLabel id={t.id} copy={false} />
          ) : (
            <code className="break-all">{t.raw}</code>
          )}
          {t.verdict === 'ready' ? (
            <span className="text-green-800">Ready to share</span>
          ) : (
            <span className={t.blocking ? 'text-red-700' : 'text-gray-700'}>{t.message}</span>
          )}
        </li>
      ))}
    </ul>
  )
}
