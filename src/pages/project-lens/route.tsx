import * as React from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { cli } from '~/api/openstack-cli'
import {
  forgetMemberLists,
  LENS_CONCURRENCY,
  listingComplete,
  ownImages,
  projectLensQuery,
  scanFailureText,
  toScan,
  type LensState,
} from '~/api/project-lens'
import { keys, projectQuery } from '~/api/queries'
import type { Project } from '~/api/schemas'
import { parseProjectId } from '~/api/share-targets'
import { ALL_REGIONS, regionsOf } from '~/api/scope'
import { useCaller } from '~/session/use-caller'
import { countOf, pluralWord } from '~/util/format'
import { paths } from '~/util/paths'
import { CliCommands, type CliStep } from '~/components/cli-command'
import { IdForm } from '~/components/id-form'
import { ProjectLabel } from '~/components/project-label'
import { QueryError } from '~/components/query-error'
import { RegionChoice } from '~/components/region-choice'
import { RouterTextLink } from '~/components/router-links'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { Skeleton } from '~/ui/skeleton'
import { AdminPage } from '~/pages/not-allowed'
import { NotAProjectId } from '~/components/not-a-project-id'
import { LensTable } from './lens-table'
import { PROJECT_LENS_PAGE } from './loader'
import { lensRegions, readLensUrl, refusedProject, type LensUrl } from './url-state'

/** Support's answer to "what is shared with project X?", for users with the admin role. */
export default function ProjectLensPage() {
  return (
    <AdminPage page={PROJECT_LENS_PAGE}>
      <ProjectLens />
    </AdminPage>
  )
}

function ProjectLens() {
  const { session } = useCaller()
  const [params, setParams] = useSearchParams()
  const url = readLensUrl(params)
  const refused = refusedProject(params)
  const all = regionsOf(session)
  const [region, setRegion] = React.useState(url.region ?? ALL_REGIONS)
  return (
    <>
      <h1 className="text-2xl font-semibold text-gray-900">Shared with a project</h1>
      <p className="mt-2 max-w-3xl text-sm text-gray-700">
        Every image in the cloud that is shared with one project, and that project&apos;s answer to
        each. Glance cannot be asked this directly: the panel lists every shared image and reads
        each one&apos;s members, {LENS_CONCURRENCY} at a time. To look at one image instead,{' '}
        <RouterTextLink to={paths.inspect()}>inspect it</RouterTextLink>.
      </p>
      <IdForm
        key={`${url.project ?? refused ?? ''}|${url.region ?? ''}`}
        name="Find a project's shares"
        label="Project ID"
        hint="The project that images are shared with (a member ID, as Glance stores it)."
        initial={url.project ?? refused}
        submit="Scan"
        onSubmit={(text) => {
          const project = text.trim()
          if (project === '') return 'Enter the ID of the project to look for.'
          const parsed = parseProjectId(project)
          if (!parsed.ok) return `It ${parsed.message}`
          const next: LensUrl = { project, region: region === ALL_REGIONS ? undefined : region }
          setParams(paths.projectLens(next).split('?')[1] ?? '')
          return undefined
        }}
      >
        <RegionChoice value={region} regions={all} onChange={setRegion} />
      </IdForm>
      {refused !== undefined && (
        <NotAProjectId id={refused} title="Not scanned: not a project ID">
          Glance takes any text as a member ID, but only a project ID of the form Keystone makes is
          scanned for: enter the project&apos;s ID above.
        </NotAProjectId>
      )}
      {url.project !== undefined && (
        <LensResult
          key={url.project}
          projectId={url.project}
          regions={lensRegions(session, url)}
          manyRegions={all.length > 1}
        />
      )}
    </>
  )
}

function LensResult({
  projectId,
  regions,
  manyRegions,
}: {
  projectId: string
  regions: string[]
  manyRegions: boolean
}) {
  const qc = useQueryClient()
  const { session } = useCaller()
  const lens = useQuery(projectLensQuery(qc, session, projectId, regions))
  const project = useQuery(projectQuery(session, projectId))
  const projectName = project.data?.name
  const nameOf = (id: string) => qc.getQueryData<Project | null>(keys.project(session, id))?.name
  const running = lens.fetchStatus === 'fetching'

  return (
    <section aria-labelledby="lens-project-heading" className="mt-8">
      <h2 id="lens-project-heading" className="text-lg font-semibold break-words">
        {projectName ? `Shared with ${projectName}` : 'Shared with this project'}
      </h2>
      <p className="mt-1 text-sm">
        <ProjectLabel id={projectId} />
      </p>
      {project.data === null && (
        <Alert variant="warning" title="Keystone has no such project" className="mt-3 max-w-3xl">
          No project <code className="break-all">{projectId}</code> exists in Keystone. Glance does
          not check member IDs, so images may still be shared with it: the scan below says.
        </Alert>
      )}
      {lens.data === undefined ? (
        lens.isError ? (
          <QueryError
            className="mt-4"
            title="The scan could not start"
            error={lens.error}
            onRetry={() => lens.refetch()}
          />
        ) : (
          <div role="status" aria-label="Starting the scan" className="mt-4 space-y-2">
            <Skeleton className="h-6 w-1/2" />
            <Skeleton className="h-24 w-full" />
          </div>
        )
      ) : (
        <>
          <LensProgress
            state={lens.data}
            running={running}
            regions={regions}
            onCancel={() => {
              void qc.cancelQueries({ queryKey: keys.projectLens(session, projectId, regions) })
            }}
            onRescan={() => {
              void forgetMemberLists(qc, session).then(() => lens.refetch())
            }}
          />
          <h3 id="lens-results-heading" className="mt-6 text-base font-semibold">
            Images shared with it
          </h3>
          <LensTable
            state={lens.data}
            projectId={projectId}
            projectName={projectName}
            regions={regions}
            manyRegions={manyRegions}
            nameOf={nameOf}
          />
        </>
      )}
      <CliCommands steps={lensCommands(regions, manyRegions)} />
    </section>
  )
}

/** How far the scan is, the way to stop it or run it again, and what failed. */
function LensProgress({
  state,
  running,
  regions,
  onCancel,
  onRescan,
}: {
  state: LensState
  running: boolean
  regions: readonly string[]
  onCancel: () => void
  onRescan: () => void
}) {
  const listed = listingComplete(state)
  const total = toScan(state)
  const where = regions.join(' and ')
  const own = ownImages(state)
  const summary = running
    ? listed
      ? `Scanned ${String(state.scanned)} of ${countOf(total, 'shared image')} in ${where}.`
      : `Listing shared images in ${where}: ${String(total)} so far, ${String(state.scanned)} scanned.`
    : state.done && state.failures.length > 0
      ? `Scanned ${countOf(state.scanned, 'shared image')} in ${where}, but not all (below): ${countOf(state.rows.length, 'is', 'are')} shared with this project among them.`
      : state.done
        ? `Scanned all ${countOf(state.scanned, 'shared image')} in ${where}: ${countOf(state.rows.length, 'is', 'are')} shared with this project.`
        : `Stopped after ${String(state.scanned)} of ${countOf(total, 'shared image')}: the list below is partial.`
  return (
    <div className="mt-4 max-w-3xl space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <progress
          aria-label="Images scanned"
          className="[&::-moz-progress-bar]:bg-brand-600 [&::-webkit-progress-value]:bg-brand-600 h-2 w-64 appearance-none overflow-hidden rounded-full bg-gray-200 [&::-webkit-progress-bar]:bg-gray-200"
          // Unknown until every region is listed: an indeterminate bar meanwhile.
          value={listed ? state.scanned : undefined}
          max={listed ? Math.max(total, 1) : undefined}
        />
        {running ? (
          <Button size="sm" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : (
          <Button size="sm" variant="secondary" onClick={onRescan}>
            Scan again
          </Button>
        )}
      </div>
      <p role="status" className="text-sm text-gray-700">
        {summary}
        {own > 0 &&
          ` ${countOf(own, 'image')} it owns ${pluralWord(own, 'was', 'were')} not asked.`}
      </p>
      {state.failures.length > 0 && (
        <Alert variant="error" title="Some of the cloud could not be scanned">
          <ul className="list-disc space-y-1 pl-5">
            {state.failures.slice(0, 10).map((f, i) => (
              <li key={`${f.region}/${f.image?.id ?? ''}/${String(i)}`}>{scanFailureText(f)}</li>
            ))}
          </ul>
          {state.failures.length > 10 && (
            <p className="mt-1">And {String(state.failures.length - 10)} more.</p>
          )}
          <p className="mt-1">Scan again to retry them.</p>
        </Alert>
      )}
    </div>
  )
}

/** The same scan from a shell. */
function lensCommands(regions: readonly string[], manyRegions: boolean): CliStep[] {
  const scopes = regions.map((region) => ({ region: manyRegions ? region : undefined }))
  return [
    ...scopes.flatMap((scope) => [
      {
        what: `List every shared image${scope.region ? ` in ${scope.region}` : ''} (an admin sees every project's)`,
        command: cli.sharedImages(false, scope),
      },
      {
        what: 'And the hidden ones, which no list shows otherwise',
        command: cli.sharedImages(true, scope),
      },
    ]),
    {
      what: "Then each image's members, in its region; look for the project's row",
      command: cli.memberListEach(),
    },
    {
      what: 'What a user of the project itself lists as shared with it, in every answer',
      command: cli.sharedWithMe(),
    },
  ]
}
