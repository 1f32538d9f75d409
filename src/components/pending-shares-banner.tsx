import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { cn } from '~/ui/cn'
import { StatusIcon } from '~/ui/icons'
import { tones } from '~/ui/tone'
import { usePendingElsewhere, usePendingShares } from '~/components/use-pending-shares'
import { lazy, Suspense } from 'react'

// Shown only when shares wait in a region out of view: it loads then, off the first rows' way.
const PendingElsewhere = lazy(async () => ({
  default: (await import('~/components/pending-elsewhere')).PendingElsewhere,
}))
import { countOf, pluralWord } from '~/util/format'
import { paths } from '~/util/paths'
import { RouterButtonLink } from '~/components/router-links'

const label = 'Shares waiting for your answer'

/**
 * The notice at the top of Saved Images: Glance leaves pending shares out of every list, so
 * without it a consumer never learns that something was shared. Nothing while loading or when
 * nothing waits; a quiet warning, never a blank, when Glance could not be asked.
 */
export function PendingSharesBanner() {
  const { query, regions, count, byRegion, failures } = usePendingShares()
  const elsewhere = usePendingElsewhere()
  const retry = (
    <Button
      size="sm"
      variant="secondary"
      loading={query.isFetching}
      onClick={() => void query.refetch()}
    >
      Try again
    </Button>
  )

  if (query.isPending) return null
  if (query.data === undefined) {
    return (
      <section aria-label={label} className="mt-4">
        <Alert
          variant="warning"
          // Quiet: it replaces a notice, it does not interrupt.
          role="status"
          title="Shares waiting for your answer could not be checked"
          action={retry}
        >
          {query.error?.message}
        </Alert>
      </section>
    )
  }
  if (count === 0 && failures.length === 0 && elsewhere.count === 0) return null

  const unchecked = failures.map((f) => f.region).join(' and ')
  return (
    <section
      aria-label={label}
      className={cn(
        'mt-4 flex flex-wrap items-start gap-3 rounded-md border px-4 py-3 text-sm',
        tones.info.surface,
      )}
    >
      <StatusIcon variant="info" className={tones.info.icon} />
      <div className="flex min-w-0 flex-1 basis-64 flex-col gap-1">
        {count > 0 && (
          <>
            <h2 className="font-semibold">{countOf(count, 'image')} shared with you</h2>
            <p>
              {pluralWord(count, 'It is', 'They are')} waiting for your answer. Glance lists a
              shared image only once you accept it.
            </p>
          </>
        )}
        {regions.length > 1 && count > 0 && (
          <ul aria-label="By region" className="flex flex-wrap gap-x-4">
            {byRegion.map((r) => (
              <li key={r.region}>
                {r.region}: {r.error ? 'not checked' : r.count}
              </li>
            ))}
          </ul>
        )}
        {elsewhere.count > 0 && (
          <Suspense>
            <PendingElsewhere more={count > 0} />
          </Suspense>
        )}
        {failures.length > 0 && (
          <p>
            Shares in {unchecked} could not be checked:{' '}
            {failures.map((f) => f.error.message).join(' ')}
          </p>
        )}
      </div>
      <div className="flex shrink-0 items-center gap-2">
        {failures.length > 0 && retry}
        {count > 0 && (
          <RouterButtonLink size="sm" to={paths.review()}>
            Review
          </RouterButtonLink>
        )}
      </div>
    </section>
  )
}
