import { useTable } from '@tanstack/react-table'
import { answerDenialReason } from '~/api/denial-reasons'
import { whatCallerMay } from '~/api/glance-policy'
import { useSession } from '~/session/session'
import { useCaller } from '~/session/use-caller'
import { paths } from '~/util/paths'
import { SavedImagesBreadcrumb } from '~/components/breadcrumb'
import { DataTable, dataTableFeatures } from '~/components/data-table'
import { QueryError } from '~/components/query-error'
import { EmptyState } from '~/ui/empty-state'
import { Skeleton } from '~/ui/skeleton'
import { BulkBar } from './bulk-bar'
import { reviewColumns } from './columns'
import { OPEN_ROW, useAnswerFocus } from './use-answer-focus'
import { ReviewActionsContext, type ReviewActions } from './review-actions'
import { chosenRows } from './select-cells'
import { useReviewAnswers } from './use-review-answers'
import { useReviewRows } from './use-review-rows'
import { RouterButtonLink } from '~/components/router-links'
import { MyProjectId } from '~/components/my-project-id'
import { PendingElsewhere } from '~/components/pending-elsewhere'

export default function ReviewSharesPage() {
  const session = useSession()
  // Another project has other shares: start afresh when the project changes.
  return <ReviewShares key={session.project?.id ?? ''} />
}

function ReviewShares() {
  const { session, caller } = useCaller()
  const focus = useAnswerFocus()
  const flow = useReviewAnswers(focus)
  const { query, regions, count, rows } = useReviewRows(flow.outcomes)
  const table = useTable({
    features: dataTableFeatures,
    columns: reviewColumns,
    data: rows,
    getRowId: (s) => s.ref,
    enableRowSelection: (row) => row.original.open,
    state: { columnVisibility: { region: regions.length > 1 } },
  })
  const chosen = chosenRows(table)
  const actions: ReviewActions = {
    answer: (row, answer) => void flow.answerOne(row, answer),
    later: flow.decideLater,
    undoReject: (row) => void flow.undoReject(row),
    locked: flow.bulk !== null,
  }
  const projectName = session.project?.name ?? session.project?.id ?? ''
  const firstOpen = rows.find((r) => r.open)
  const answersDenied =
    firstOpen &&
    answerDenialReason(
      whatCallerMay(firstOpen.row.image, caller, { status: 'pending' }).setOwnStatus,
      caller,
    )

  return (
    <>
      <SavedImagesBreadcrumb />
      <h1 className="mt-4 text-2xl font-semibold">Review shared images</h1>
      <p className="mt-1 max-w-3xl text-sm text-gray-700">
        Images other projects shared with project {projectName} in {regions.join(' and ')}, waiting
        for your answer. Accept adds an image to Saved Images; Reject keeps it out of your lists
        (you can still accept it later from Shared with me); Decide later leaves it pending.
      </p>
      <MyProjectId className="mt-3" />
      <div className="mt-3 text-sm">
        <PendingElsewhere more={count > 0} />
      </div>

      {query.isPending ? (
        <div role="status" aria-label="Loading shared images" className="mt-6 space-y-3">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : query.data === undefined ? (
        <QueryError
          title="Shares waiting for your answer could not be loaded"
          className="mt-6"
          error={query.error}
          onRetry={() => query.refetch()}
        />
      ) : (
        <>
          {query.data.failures.map((f) => (
            <QueryError
              key={f.region}
              title={`Shares in ${f.region} could not be checked`}
              className="mt-4"
              error={f.error}
              onRetry={() => query.refetch()}
            />
          ))}
          {rows.length === 0 ? (
            <EmptyState
              className="mt-6"
              title="Nothing waits for your answer"
              action={
                <RouterButtonLink variant="secondary" to={paths.images()}>
                  Back to Saved Images
                </RouterButtonLink>
              }
            >
              No image shared with project {projectName} in {regions.join(' or ')} is waiting for an
              answer. New shares show up here and in the header as they arrive.
            </EmptyState>
          ) : (
            <ReviewActionsContext value={actions}>
              <BulkBar
                chosen={chosen.length}
                waiting={count}
                bulk={flow.bulk}
                summary={flow.summary}
                buttonRef={focus.bulkRef}
                denied={answersDenied}
                onAnswer={(answer) => void flow.answerChosen(chosen, answer)}
              />
              <DataTable
                table={table}
                aria-label="Images waiting for your answer"
                className="mt-2"
                rowProps={(row) => {
                  const { answering, open } = row.original
                  return {
                    ref: focus.rowRef(row.id),
                    'aria-busy': answering !== undefined || undefined,
                    'data-state': row.getIsSelected() && open ? 'selected' : undefined,
                    [OPEN_ROW]: open ? '' : undefined,
                  }
                }}
              />
            </ReviewActionsContext>
          )}
        </>
      )}
    </>
  )
}
