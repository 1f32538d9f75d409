import * as React from 'react'
import { describeError } from '~/api/describe-error'
import { cli, cliScope } from '~/api/openstack-cli'
import { ALL_REGIONS, regionsOf } from '~/api/scope'
import { useCaller } from '~/session/use-caller'
import { countOf, pluralWord } from '~/util/format'
import { Alert } from '~/ui/alert'
import { Badge } from '~/ui/badge'
import { done, outcomeBadge, type Reported } from './outcomes'
import { ProjectLabel } from '~/components/project-label'
import { CliAfterAction } from '~/components/cli-after-action'

// New results replace the busy Share button, which took focus with it: read them out next. At
// module scope, so React calls it once, when the heading mounts, not on every render.
const focusOnMount = (heading: HTMLHeadingElement | null) => {
  heading?.focus()
}

/**
 * What each project's share ended in, with one sentence for them all, and the same with the
 * openstack CLI: one `image add project` for each project actually added (after `image set
 * --shared` when this share made the image shared first).
 */
export function ShareResults({
  results,
  imageId,
  region,
  madeShared = false,
}: {
  results: Reported[]
  imageId: string
  /** The image's region; without it, the session's (none under All regions). */
  region?: string
  /** This share made the image shared before adding anyone. */
  madeShared?: boolean
}) {
  const { session } = useCaller()
  const inRegion = region ?? (session.region === ALL_REGIONS ? undefined : session.region)
  const scope = inRegion === undefined ? {} : cliScope(regionsOf(session).length, inRegion)
  const commands = [
    ...(madeShared ? [cli.setVisibility(imageId, 'shared', scope)] : []),
    ...results
      .filter((r) => r.outcome === 'shared')
      .map((r) => cli.addProject(imageId, r.memberId, scope)),
  ]
  const shared = results.filter((r) => r.outcome === 'shared').length
  const headingId = React.useId()
  const failed = results.filter((r) => !done(r.outcome))
  // Every project refused with 404: the image itself is gone, which one sentence says.
  const gone = failed.every((r) => r.error?.status === 404) ? failed[0]?.error : undefined
  const summary = [
    shared > 0 ? `Shared with ${countOf(shared, 'project')}; each sees it as pending.` : undefined,
    failed.length > 0
      ? `${countOf(failed.length, 'project')} could not be added; ${pluralWord(failed.length, 'its ID is', 'their IDs are')} kept in the field to try again.`
      : undefined,
    gone ? describeError(gone, { action: 'manage-image', imageId }) : undefined,
  ]
    .filter(Boolean)
    .join(' ')
  return (
    <section aria-labelledby={headingId} className="grid gap-2">
      <h3 id={headingId} ref={focusOnMount} tabIndex={-1} className="font-semibold">
        Results
      </h3>
      <Alert variant={failed.length ? 'warning' : 'success'}>
        {summary || 'Every project was already a member.'}
      </Alert>
      <ul aria-label="Share results" className="grid gap-2 text-sm">
        {results.map((r) => (
          <li key={r.memberId} className="flex flex-col gap-0.5">
            <span className="flex flex-wrap items-baseline gap-2">
              <ProjectLabel id={r.memberId} copy={false} />
              <Badge tone={outcomeBadge[r.outcome].tone}>{outcomeBadge[r.outcome].label}</Badge>
            </span>
            {r.outcome !== 'shared' && (
              <span className="text-gray-700">
                {r.error?.message ?? 'Already a member: not sent again.'}
              </span>
            )}
          </li>
        ))}
      </ul>
      <CliAfterAction commands={commands} className="mt-0" />
    </section>
  )
}
