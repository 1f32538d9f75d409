import type { ShareTarget } from '~/api/share-targets'
import { ProjectLabel } from '~/components/project-label'
import { idCheckText, notCheckedText, type IdCheck } from './use-id-checks'

function CheckNote({ check }: { check: IdCheck | undefined }) {
  if (check === undefined) return null
  if (check.kind === 'unknown') return <span className="text-red-700">{idCheckText.unknown}</span>
  const text = check.kind === 'not-checked' ? notCheckedText(check.seen) : idCheckText[check.kind]
  return <span className="text-gray-700">({text})</span>
}

/**
 * The live check of what was typed: one row per entry, with its name where Keystone tells it and
 * whether anything checked that the project exists.
 */
export function TargetList({
  targets,
  checks,
}: {
  targets: ShareTarget[]
  checks: ReadonlyMap<string, IdCheck>
}) {
  return (
    <ul aria-label="Entries to share" className="grid gap-1 text-sm">
      {targets.map((t, i) => {
        const check = t.id === undefined ? undefined : checks.get(t.id)
        return (
          // An entry can repeat, so its place is part of its key.
          <li key={`${String(i)}-${t.raw}`} className="flex flex-wrap items-baseline gap-x-2">
            {t.id ? (
              <ProjectLabel id={t.id} copy={false} />
            ) : (
              <code className="break-all">{t.raw}</code>
            )}
            {t.verdict === 'ready' ? (
              <>
                {check?.kind !== 'unknown' && (
                  <span className="text-green-800">Ready to share</span>
                )}
                <CheckNote check={check} />
              </>
            ) : (
              <span className={t.blocking ? 'text-red-700' : 'text-gray-700'}>{t.message}</span>
            )}
          </li>
        )
      })}
    </ul>
  )
}
