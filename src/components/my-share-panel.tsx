import { useEffect, useId, useMemo } from 'react'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useTable } from '@tanstack/react-table'
import type { ApiError } from '~/api/http'
import { answerRef, useAnswersInFlight } from '~/api/answers-in-flight'
import { keys, myMembershipQuery } from '~/api/queries'
import { answersFrom, answerStatus, type ShareAnswer } from '~/api/share-answers'
import { answerDenialReason } from '~/api/denial-reasons'
import { canLaunch, whatCallerMay } from '~/api/glance-policy'
import { isAdmin } from '~/api/caller'
import type { Image, Member, MemberStatus } from '~/api/schemas'
import { LaunchServer } from '~/components/launch-server'
import { OwnAnswerCli } from '~/components/cli-after-action'
import { DataTable, dataTableFeatures } from '~/components/data-table'
import { memberRowId, ownMemberColumns } from '~/components/member-columns'
import { MemberStatusBadge } from '~/components/member-status-badge'
import { ProjectLabel } from '~/components/project-label'
import { QueryError } from '~/components/query-error'
import { goneText } from '~/api/describe-error'
import { answerLabel, useShareAnswer } from '~/components/share-answers'
import { regionsOf } from '~/api/scope'
import { useCaller } from '~/session/use-caller'
import { Alert } from '~/ui/alert'
import { Button, type ButtonVariant } from '~/ui/button'
import { DescriptionItem, DescriptionList } from '~/ui/description-list'
import { Skeleton } from '~/ui/skeleton'

/** What each answer means for the consumer, in one sentence. */
export const statusMeaning: Record<MemberStatus, string> = {
  pending:
    'Pending: the image is not in your image lists yet, but this project can already use it by its ID.',
  accepted: 'Accepted: the image is in Saved Images, with Source “Shared Image”.',
  rejected:
    'Rejected: the image is hidden from your image lists, but this project can still use it by its ID.',
}

const variantOf: Record<ShareAnswer, ButtonVariant> = {
  accept: 'primary',
  reject: 'secondary',
  remove: 'secondary',
  pending: 'secondary',
}

/**
 * The consumer's part of Image Detail for another project's shared image: who shares it, our own
 * answer and the answers we can give, our own member row (Glance shows a member nothing else),
 * and how to launch it.
 */
export function MySharePanel({ image, region }: { image: Image; region: string }) {
  const { session, caller } = useCaller()
  const qc = useQueryClient()
  const headingId = useId()
  const membership = useQuery(myMembershipQuery(session, region, image.id))
  const inFlight = useAnswersInFlight().get(answerRef(region, image.id))
  const respond = useShareAnswer()

  // Glance shows another project's shared image only to its members (and admins), so a
  // non-admin who is no longer a member is looking at a copy: re-read the image, which turns
  // the page into "Image no longer available".
  const gone = membership.data === null && !isAdmin(caller)
  useEffect(() => {
    if (gone) void qc.invalidateQueries({ queryKey: keys.imageDetailOf(session, image.id) })
  }, [gone, qc, session, image.id])

  const member = membership.data ?? undefined
  const shown: MemberStatus | undefined = inFlight?.status ?? member?.status
  // The row says the answer being sent, as "Your answer" does.
  const ownRow = useMemo(
    () => (member && shown ? [{ ...member, status: shown }] : []),
    [member, shown],
  )
  const table = useTable({
    features: dataTableFeatures,
    columns: ownMemberColumns,
    data: ownRow,
    getRowId: memberRowId,
  })

  return (
    <section aria-labelledby={headingId} className="mt-6 max-w-3xl">
      <h2 id={headingId} className="text-lg font-semibold">
        Shared with this project
      </h2>
      <DescriptionList className="mt-3">
        <DescriptionItem term="Shared by">
          {image.owner ? <ProjectLabel id={image.owner} /> : '— (no owner)'}
        </DescriptionItem>
        <DescriptionItem term="Your answer">
          {membership.isPending ? (
            <span role="status" aria-label="Loading your membership" className="block">
              <Skeleton className="h-6 w-24" />
            </span>
          ) : shown ? (
            <span className="inline-flex flex-wrap items-center gap-2">
              <MemberStatusBadge status={shown} />
              {inFlight && <span className="text-gray-700">Sending your answer…</span>}
            </span>
          ) : membership.isError ? (
            '—'
          ) : (
            'This project is not a member'
          )}
        </DescriptionItem>
      </DescriptionList>

      <div className="mt-3 space-y-3">
        {membership.isError && (
          <MembershipError
            error={membership.error}
            stale={member !== undefined}
            onRetry={() => membership.refetch()}
          />
        )}
        {membership.data === null &&
          (gone ? (
            <Alert variant="warning" title="No longer shared with this project">
              {goneText}
            </Alert>
          ) : (
            <Alert variant="info">
              This project is not a member of this image: as a cloud administrator you see every
              image, but only the projects it is shared with answer a share.
            </Alert>
          ))}
        {member && shown && (
          <Answers
            image={image}
            member={member}
            shown={shown}
            sending={inFlight?.answer}
            onAnswer={(answer) => respond.answer({ region, image, answer })}
          />
        )}
        {/* The answer just given here, until the next is sent. */}
        {respond.last && !inFlight && (
          <OwnAnswerCli
            imageId={image.id}
            region={region}
            status={answerStatus[respond.last.answer]}
          />
        )}
      </div>

      {ownRow.length > 0 && (
        <DataTable table={table} aria-label="Your membership" wrapperClassName="mt-4" />
      )}

      {canLaunch(image, caller, member) && (
        <LaunchServer
          image={image}
          region={region}
          regionCount={regionsOf(session).length}
          headingLevel={3}
        />
      )}
      {respond.dialog}
    </section>
  )
}

function Answers({
  image,
  member,
  shown,
  sending,
  onAnswer,
}: {
  image: Image
  member: Member
  shown: MemberStatus
  sending: ShareAnswer | undefined
  onAnswer: (answer: ShareAnswer) => void
}) {
  const { caller } = useCaller()
  const may = whatCallerMay(image, caller, { status: member.status }).setOwnStatus
  const reason = answerDenialReason(may, caller)
  // While an answer is sent the buttons stay those of the answer Glance has, the one sent busy.
  const answers = answersFrom(member.status)
  return (
    <>
      <p className="text-sm text-gray-700">{statusMeaning[shown]}</p>
      <div className="flex flex-wrap gap-2">
        {answers.map((a) => (
          <Button
            key={a}
            variant={variantOf[a]}
            loading={sending === a}
            disabled={sending !== undefined}
            disabledReason={reason}
            onClick={() => {
              onAnswer(a)
            }}
          >
            {answerLabel[a]}
          </Button>
        ))}
      </div>
    </>
  )
}

function MembershipError({
  error,
  stale,
  onRetry,
}: {
  error: ApiError
  stale: boolean
  onRetry: () => unknown
}) {
  if (error.status === 404) {
    return (
      <Alert variant="warning" title="No longer shared with this project">
        {goneText}
      </Alert>
    )
  }
  const title =
    error.status === 403
      ? 'Glance does not let this project see its membership'
      : stale
        ? 'Your membership could not be refreshed'
        : 'Your membership could not be loaded'
  return <QueryError title={title} error={error} onRetry={onRetry} />
}
