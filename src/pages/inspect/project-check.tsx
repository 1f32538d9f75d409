import { useQuery } from '@tanstack/react-query'
import { membersQuery, type RegionImage } from '~/api/queries'
import { cli, type CliScope } from '~/api/openstack-cli'
import { verdictsFor, type ProjectVerdicts, type Verdict } from '~/api/project-verdicts'
import { parseProjectId } from '~/api/share-targets'
import type { Image, MemberStatus } from '~/api/schemas'
import { useCaller } from '~/session/use-caller'
import { paths } from '~/util/paths'
import { RouterTextLink } from '~/components/router-links'
import { CliCommands, type CliStep } from '~/components/cli-command'
import { IdForm } from '~/components/id-form'
import { NotAProjectId } from '~/components/not-a-project-id'
import { ProjectLabel, useProjectName } from '~/components/project-label'
import { QueryError } from '~/components/query-error'
import { Badge } from '~/ui/badge'
import { DescriptionItem, DescriptionList } from '~/ui/description-list'
import { ActForProject } from './act-for-project'
import { Skeleton } from '~/ui/skeleton'

const questions: { key: keyof ProjectVerdicts; term: string }[] = [
  { key: 'boot', term: 'Can boot a server from it by ID' },
  { key: 'defaultList', term: 'Sees it in its default image list' },
  { key: 'sharedWithIt', term: 'Sees it among the images shared with it' },
  { key: 'answer', term: 'Can accept, reject or reset its answer' },
]

function VerdictText({ verdict }: { verdict: Verdict }) {
  return (
    <span className="flex flex-col items-start gap-1">
      <Badge tone={verdict.yes ? 'success' : 'neutral'}>{verdict.yes ? 'Yes' : 'No'}</Badge>
      <span>{verdict.why}</span>
    </span>
  )
}

/** The commands that prove the verdicts, and those that would change them. */
function stepsFor(image: Image, projectId: string, row: MemberStatus | undefined, scope: CliScope) {
  // Glance lists members of shared images only (contract §2).
  const shared = image.visibility === 'shared'
  const steps: CliStep[] = shared
    ? [{ what: 'List the members and their answers', command: cli.memberList(image.id, scope) }]
    : [{ what: 'Make the image shared (its owner)', command: cli.makeShared(image.id, scope) }]
  if (row === undefined) {
    steps.push({
      what: 'Share it with this project (its owner)',
      command: cli.addProject(image.id, projectId, scope),
    })
    return steps
  }
  for (const status of ['accepted', 'rejected', 'pending'] as const)
    if (status !== row)
      steps.push({
        what: `Set this project's answer to ${status} (the project itself, or an admin for it)`,
        command: cli.setStatus(image.id, status, projectId, scope),
        note: (
          <>
            openstackclient before 8.3.0 also makes <code>--project</code> the image's owner when
            given with an answer; glanceclient does not:{' '}
            <code className="break-all">
              {cli.setStatusSafe(image.id, status, projectId, scope)}
            </code>
          </>
        ),
      })
  steps.push({
    what: 'Remove this project from the members (the owner)',
    command: cli.removeProject(image.id, projectId, scope),
  })
  return steps
}

/** "Check a project": a project ID, member or not, and what that project sees of the image, in words. */
export function ProjectCheck({
  found,
  manyRegions,
  check,
  refused,
  onCheck,
}: {
  found: RegionImage
  manyRegions: boolean
  check: string | undefined
  /** What the link asked to check, when it is not a project ID: said, never checked. */
  refused?: string | undefined
  onCheck: (projectId: string) => void
}) {
  const { session } = useCaller()
  const { image, region } = found
  const shared = image.visibility === 'shared'
  const members = useQuery({ ...membersQuery(session, region, image.id), enabled: shared })

  const row = members.data?.find((m) => m.member_id === check)?.status
  const checkedName = useProjectName(check ?? '')
  const scope = { region: manyRegions ? region : undefined }

  return (
    <section aria-labelledby="inspect-check-heading" className="mt-10 max-w-3xl">
      <h2 id="inspect-check-heading" className="text-lg font-semibold">
        Check a project
      </h2>
      <IdForm
        // A project chosen from the members table replaces what was typed.
        key={check ?? refused}
        name="Check a project"
        label="Project ID"
        hint="A member or any other project: what does it see of this image, and why?"
        initial={check ?? refused}
        submit="Check"
        variant="secondary"
        onSubmit={(text) => {
          const id = text.trim()
          if (id === '') return 'Enter the ID of the project to check.'
          const parsed = parseProjectId(id)
          if (!parsed.ok) return `It ${parsed.message}`
          // As typed, not normalised: Glance compares member IDs exactly.
          onCheck(id)
          return undefined
        }}
      />
      {refused !== undefined && (
        <NotAProjectId id={refused} title="Not checked: not a project ID">
          Glance takes any text as a member ID, but only a project ID of the form Keystone makes is
          checked, or put in the openstack commands: another text there could be read as an option.
        </NotAProjectId>
      )}
      {check !== undefined &&
        (shared && members.isPending ? (
          <div role="status" aria-label="Checking the project" className="mt-4">
            <Skeleton className="h-32 w-full" />
          </div>
        ) : shared && members.isError ? (
          <QueryError
            className="mt-4"
            title="Without the member list, what this project sees cannot be told"
            error={members.error}
            onRetry={() => members.refetch()}
          />
        ) : (
          <div className="mt-4" aria-live="polite">
            <h3 className="text-base font-semibold break-words">
              What {checkedName ?? 'this project'} sees
            </h3>
            <p className="mt-1 flex flex-wrap items-center gap-x-4 text-sm">
              <ProjectLabel id={check} />
              <RouterTextLink to={paths.projectLens({ project: check })}>
                Every image shared with it
              </RouterTextLink>
            </p>
            <p className="mt-1 text-sm text-gray-700">
              {!shared
                ? 'Glance lists no members of an image that is not shared.'
                : row === undefined
                  ? 'It is not a member of this image.'
                  : `It is a member; its answer is ${row}.`}{' '}
              For a user with the member role in that project, under Glance's default policy.
            </p>
            <DescriptionList className="mt-2">
              {questions.map(({ key, term }) => (
                <DescriptionItem key={key} term={term}>
                  <VerdictText verdict={verdictsFor(image, check, row)[key]} />
                </DescriptionItem>
              ))}
            </DescriptionList>
            {shared && row !== undefined && (
              <ActForProject
                found={found}
                projectId={check}
                projectName={checkedName}
                current={row}
              />
            )}
            <CliCommands steps={stepsFor(image, check, row, scope)} />
          </div>
        ))}
    </section>
  )
}
