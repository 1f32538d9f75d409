import { useQuery } from '@tanstack/react-query'
import { useSearchParams } from 'react-router'
import { imageDetailQuery } from '~/api/queries'
import { ALL_REGIONS, regionsOf } from '~/api/scope'
import { useCaller } from '~/session/use-caller'
import { paths } from '~/util/paths'
import { QueryError } from '~/components/query-error'
import { RouterTextLink } from '~/components/router-links'
import { Alert } from '~/ui/alert'
import { Skeleton } from '~/ui/skeleton'
import { AdminPage } from '~/pages/not-allowed'
import { ImageFacts } from './image-facts'
import { InspectMembers } from './inspect-members'
import { INSPECT_PAGE } from './loader'
import { LookupForm } from './lookup-form'
import { ProjectCheck } from './project-check'
import { inspectRegions, readInspectUrl, refusedCheck, type InspectUrl } from './url-state'

/** Support staff's answer to "why can't project X see image Y?", for users with the admin role. */
export default function InspectPage() {
  return (
    <AdminPage page={INSPECT_PAGE}>
      <Inspect />
    </AdminPage>
  )
}

function Inspect() {
  const { session } = useCaller()
  const [params, setParams] = useSearchParams()
  const url = readInspectUrl(params)
  const all = regionsOf(session)
  const go = (next: InspectUrl) => {
    setParams(paths.inspect(next).split('?')[1] ?? '')
  }
  return (
    <>
      <h1 className="text-2xl font-semibold text-gray-900">Inspect image</h1>
      <p className="mt-2 max-w-3xl text-sm text-gray-700">
        Any image in the cloud, its members and their answers, and what a project sees of it and
        why, with the commands that show the same. To start from a project instead, see{' '}
        <RouterTextLink to={paths.projectLens()}>what is shared with a project</RouterTextLink>.
      </p>
      <LookupForm
        key={`${url.image ?? ''}|${url.region ?? ''}`}
        initial={url}
        regions={all}
        onLookup={({ image, region }) => {
          go({ image, region: region === ALL_REGIONS ? undefined : region })
        }}
      />
      {url.image !== undefined && (
        <InspectResult
          imageId={url.image}
          url={url}
          refused={refusedCheck(params)}
          manyRegions={all.length > 1}
          onCheck={(check) => {
            go({ ...url, check })
          }}
        />
      )}
    </>
  )
}

function InspectResult({
  imageId,
  url,
  refused,
  manyRegions,
  onCheck,
}: {
  imageId: string
  url: InspectUrl
  refused: string | undefined
  manyRegions: boolean
  onCheck: (projectId: string) => void
}) {
  const { session } = useCaller()
  const regions = inspectRegions(session, url)
  const detail = useQuery(imageDetailQuery(session, regions, imageId))

  if (detail.isPending)
    return (
      <div role="status" aria-label="Loading image" className="mt-8 space-y-3">
        <Skeleton className="h-8 w-1/2" />
        <Skeleton className="h-40 w-full" />
      </div>
    )
  if (detail.isError)
    return detail.error.status === 404 ? (
      <Alert variant="warning" title="No such image" className="mt-8">
        Glance has no image <code className="break-all">{imageId}</code> in {regions.join(' or ')}.
        An admin sees every image there, deleted ones excepted: it was deleted, or it lives in
        another region.
      </Alert>
    ) : (
      <QueryError
        className="mt-8"
        title="The image could not be loaded"
        error={detail.error}
        onRetry={() => detail.refetch()}
      />
    )
  return (
    <>
      <ImageFacts found={detail.data} manyRegions={manyRegions} />
      <InspectMembers found={detail.data} onExplain={onCheck} />
      <ProjectCheck
        found={detail.data}
        manyRegions={manyRegions}
        check={url.check}
        refused={refused}
        onCheck={onCheck}
      />
    </>
  )
}
