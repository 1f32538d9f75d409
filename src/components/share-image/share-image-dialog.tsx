import * as React from 'react'
import { imageDisplayName } from '~/api/images'
import type { Image } from '~/api/schemas'
import { Alert } from '~/ui/alert'
import { Button } from '~/ui/button'
import { Checkbox } from '~/ui/checkbox'
import { Dialog, DialogContent, DialogFooter } from '~/ui/dialog'
import { Label, Textarea } from '~/ui/field'
import { BeforeYouShare } from './before-you-share'
import { QuotaNote } from './quota-note'
import { ShareDialogHeader } from './share-dialog-header'
import { ShareResults } from './share-results'
import { TargetList } from './target-list'
import { useShareFlow } from './use-share-flow'
import { OwnProjectPicks, SwitchAndReview } from './own-projects'
import { ShareNoteFields } from './share-note-fields'

export type ShareImageDialogProps = {
  image: Image
  region: string
  open: boolean
  onOpenChange: (open: boolean) => void
}

/**
 * Shares one image with one or many projects. Everything Glance would refuse is checked first;
 * what is sent is reported per project (the workflow is ./use-share-flow.ts). The typed text lives
 * outside the dialog's content, so closing and reopening does not lose it.
 */
export function ShareImageDialog({ image, region, open, onOpenChange }: ShareImageDialogProps) {
  const flow = useShareFlow({ image, region, open })
  const textareaRef = React.useRef<HTMLTextAreaElement>(null)
  const confirmRef = React.useRef<HTMLButtonElement>(null)
  const unseenRef = React.useRef<HTMLButtonElement>(null)

  function handleOpenChange(next: boolean) {
    // The outcome of a share in flight must not go unseen.
    if (!next && flow.busy) return
    if (!next) flow.forget()
    onOpenChange(next)
  }

  function handleSubmit(event: React.SubmitEvent<HTMLFormElement>) {
    event.preventDefault()
    flow.submit({
      field: () => textareaRef.current?.focus(),
      confirm: () => confirmRef.current?.focus(),
      unseen: () => unseenRef.current?.focus(),
    })
  }

  const ids = React.useId()
  const hintId = `${ids}-hint`
  const problemId = `${ids}-problem`
  const confirmErrorId = `${ids}-confirm-error`
  const unseenErrorId = `${ids}-unseen-error`
  const name = imageDisplayName(image)

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogContent className="max-w-2xl">
        <ShareDialogHeader imageName={name} />

        {flow.plan.kind === 'no-members' ? (
          <>
            <Alert variant="info" title="This image cannot be shared with projects">
              {flow.plan.reason}
            </Alert>
            <DialogFooter>
              <Button variant="secondary" onClick={() => handleOpenChange(false)}>
                Close
              </Button>
            </DialogFooter>
          </>
        ) : (
          <form noValidate className="grid gap-4" onSubmit={handleSubmit}>
            <BeforeYouShare />

            <div className="flex flex-col gap-1.5">
              <Label htmlFor={`${ids}-ids`}>Project IDs</Label>
              <Textarea
                id={`${ids}-ids`}
                ref={textareaRef}
                value={flow.text}
                onChange={(e) => flow.setText(e.target.value)}
                spellCheck={false}
                autoCapitalize="off"
                autoComplete="off"
                aria-invalid={flow.fieldProblem ? true : undefined}
                aria-describedby={flow.fieldProblem ? `${hintId} ${problemId}` : hintId}
                className="font-mono"
              />
              <p id={hintId} className="text-sm text-gray-600">
                One or more Keystone project IDs (32 hexadecimal digits), separated by spaces,
                commas or new lines. Ask each project for its ID (Identity → Projects, or{' '}
                <code>openstack project show</code>).
              </p>
              {flow.fieldProblem && (
                <p id={problemId} className="text-sm text-red-700">
                  {flow.fieldProblem}
                </p>
              )}
              <OwnProjectPicks
                owner={image.owner}
                members={flow.members.data?.map((m) => m.member_id)}
                text={flow.text}
                onAdd={(id) => {
                  const typed = flow.text.trimEnd()
                  flow.setText(typed === '' ? id : `${typed}\n${id}`)
                }}
              />
            </div>

            {flow.check.targets.length > 0 && (
              <TargetList targets={flow.check.targets} checks={flow.idChecks} />
            )}
            <QuotaNote
              limit={flow.quota}
              learnt={flow.learntQuota !== undefined}
              used={flow.check.quota.used}
              loading={flow.members.isLoading}
              error={flow.members.error}
            />

            <ShareNoteFields words={flow.words} onChange={flow.setWords} />

            {flow.plan.kind === 'make-shared-first' && (
              <Alert variant="warning" title="This image is private">
                <p>
                  Glance adds members only to shared images. Making it shared changes nothing for
                  other projects until they are added; projects it was shared with before get their
                  access back, with their earlier answer.
                </p>
                <div className="mt-2 flex items-start gap-2">
                  <Checkbox
                    ref={confirmRef}
                    id={`${ids}-confirm`}
                    checked={flow.confirmShared}
                    onCheckedChange={(checked) => flow.setConfirmShared(checked === true)}
                    aria-invalid={flow.confirmMissing || undefined}
                    aria-describedby={flow.confirmMissing ? confirmErrorId : undefined}
                    className="mt-0.5"
                  />
                  <label htmlFor={`${ids}-confirm`} className="font-medium">
                    Make this image shared, then share it
                  </label>
                </div>
                {flow.confirmMissing && (
                  <p id={confirmErrorId} className="mt-1 text-red-800">
                    Confirm that the image becomes shared: Glance refuses members for a private
                    image.
                  </p>
                )}
              </Alert>
            )}

            {flow.unseen.length > 0 && (
              <Alert
                variant="warning"
                title={
                  flow.unseen.length === 1
                    ? 'One project ID was never seen here and cannot be checked'
                    : `${String(flow.unseen.length)} project IDs were never seen here and cannot be checked`
                }
              >
                <p>
                  Glance accepts any 32-digit ID and calls the share pending even when no project
                  has it: a mistyped ID shares with nobody, or with a project you did not mean.
                  Check each ID with the people of the project it belongs to.
                </p>
                <div className="mt-2 flex items-start gap-2">
                  <Checkbox
                    ref={unseenRef}
                    id={`${ids}-unseen`}
                    checked={flow.unseenConfirmed}
                    onCheckedChange={(checked) => flow.confirmUnseen(checked === true)}
                    aria-invalid={flow.unseenMissing || undefined}
                    aria-describedby={flow.unseenMissing ? unseenErrorId : undefined}
                    className="mt-0.5"
                  />
                  <label htmlFor={`${ids}-unseen`} className="font-medium">
                    I checked {flow.unseen.length === 1 ? 'this ID' : 'these IDs'} with{' '}
                    {flow.unseen.length === 1 ? 'its project' : 'their projects'}
                  </label>
                </div>
                {flow.unseenMissing && (
                  <p id={unseenErrorId} className="mt-1 text-red-800">
                    Confirm the IDs first: nothing has been sent.
                  </p>
                )}
              </Alert>
            )}

            {flow.failure && (
              <Alert variant="error" title={flow.failure.title}>
                {flow.failure.error.message}
              </Alert>
            )}

            {flow.results && (
              <ShareResults
                results={flow.results}
                imageId={image.id}
                region={region}
                madeShared={flow.madeSharedNow}
              />
            )}
            {flow.noteFailure && (
              <Alert variant="warning" title="Shared, but “Shared by” and the note were not saved">
                {flow.noteFailure.message}
              </Alert>
            )}
            {flow.results && (
              <SwitchAndReview
                results={flow.results}
                region={region}
                onLeave={() => handleOpenChange(false)}
              />
            )}

            {/* Stuck to the panel's bottom edge: a long list of IDs never pushes Share out of view. */}
            <DialogFooter className="sticky -bottom-6 -mx-6 -mb-6 border-t border-gray-200 bg-white px-6 py-3">
              <Button
                variant="secondary"
                onClick={() => handleOpenChange(false)}
                disabled={flow.busy}
              >
                {flow.results ? 'Close' : 'Cancel'}
              </Button>
              <Button
                type="submit"
                loading={flow.busy}
                disabledReason={flow.plan.kind === 'denied' ? flow.plan.reason : undefined}
              >
                Share
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  )
}
