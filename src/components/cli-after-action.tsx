import { cli, cliScope, type CliScope } from '~/api/openstack-cli'
import type { MemberStatus } from '~/api/schemas'
import { regionsOf } from '~/api/scope'
import { useCaller } from '~/session/use-caller'
import { cn } from '~/ui/cn'
import { CopyButton } from '~/ui/copy-button'

/** The CLI scope of an image in `region`, as the signed-in cloud needs it (its region count). */
export function useCliScope(region: string): CliScope {
  const { session } = useCaller()
  return cliScope(regionsOf(session).length, region)
}

/**
 * What the panel just did, as `openstack` commands to paste, beside the words that say the result
 * until the next action replaces it. A native <details>: the keyboard and screen readers open it
 * with nothing of ours, and it stays one line until asked.
 */
export function CliAfterAction({
  commands,
  about,
  note,
  className,
}: {
  /** In the order the panel sent them; copied as one block. */
  commands: readonly string[]
  /** Where several show on one page (rows), names the copy button: "… for <about>". */
  about?: string | undefined
  /** A caution under the commands. */
  note?: React.ReactNode
  className?: string
}) {
  if (commands.length === 0) return null
  const text = commands.join('\n')
  const what = commands.length === 1 ? 'openstack command' : 'openstack commands'
  return (
    <details className={cn('mt-2 min-w-0 text-sm', className)}>
      <summary className="w-fit cursor-pointer text-gray-700 hover:text-gray-900">
        Same with the openstack CLI
      </summary>
      <div className="mt-1 flex items-start gap-1">
        {/* Wraps anywhere, so a long ID never pushes a phone's page sideways. */}
        <pre className="min-w-0 flex-1 rounded-md border border-gray-200 bg-gray-50 px-2 py-1.5 text-xs wrap-anywhere whitespace-pre-wrap">
          <code>{text}</code>
        </pre>
        <CopyButton value={text} label={about ? `${what} for ${about}` : what} />
      </div>
      {note && <p className="mt-1 text-xs text-gray-700">{note}</p>}
    </details>
  )
}

/** The consumer's own answer, as sent for the signed-in project. */
export function OwnAnswerCli({
  imageId,
  region,
  status,
  about,
  className,
}: {
  imageId: string
  region: string
  status: MemberStatus
  about?: string | undefined
  className?: string
}) {
  const { session } = useCaller()
  const scope = useCliScope(region)
  return (
    <CliAfterAction
      commands={[cli.answerOwn(imageId, status, scope)]}
      about={about}
      className={className}
      // The command names no project (openstack-cli.ts says why), so the shell's must be ours.
      note={`Run it as project ${session.project?.name ?? 'this one'}: with no --project, openstack answers for the project it is signed in to.`}
    />
  )
}
