import type { MemberStatus, Visibility } from '~/api/schemas'

/**
 * The `openstack` command (python-openstackclient) for each sharing call, so support staff can
 * prove what the panel shows from a shell. One generator for every page that shows commands.
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

function command(args: readonly string[], scope: CliScope): string {
  const region = scope.region === undefined ? [] : ['--os-region-name', scope.region]
  return ['openstack', ...region, ...args].map(shellQuote).join(' ')
}

const statusFlag: Record<MemberStatus, string> = {
  accepted: '--accept',
  rejected: '--reject',
  pending: '--pending',
}

export const cli = {
  imageShow: (imageId: string, scope: CliScope = {}) => command(['image', 'show', imageId], scope),
  memberList: (imageId: string, scope: CliScope = {}) =>
    command(['image', 'member', 'list', imageId], scope),
  addProject: (imageId: string, projectId: string, scope: CliScope = {}) =>
    command(['image', 'add', 'project', imageId, projectId], scope),
  removeProject: (imageId: string, projectId: string, scope: CliScope = {}) =>
    command(['image', 'remove', 'project', imageId, projectId], scope),
  /**
   * Sets a member's answer. With `--project` it is that project's row (an admin acting for it);
   * without, the caller's own. openstackclient before 8.3.0 also made `--project` the image's
   * owner when given with --accept/--reject/--pending; setStatusSafe never touches the owner.
   */
  setStatus: (imageId: string, status: MemberStatus, projectId: string, scope: CliScope = {}) =>
    command(['image', 'set', statusFlag[status], '--project', projectId, imageId], scope),
  /** The same as setStatus, with glanceclient's member-update. */
  setStatusSafe: (imageId: string, status: MemberStatus, projectId: string, scope: CliScope = {}) =>
    [
      'glance',
      ...(scope.region === undefined ? [] : ['--os-region-name', scope.region]),
      'member-update',
      imageId,
      projectId,
      status,
    ]
      .map(shellQuote)
      .join(' '),
  /** Every shared image an admin can see (every project's); `hidden`: the hidden ones, listed apart. */
  sharedImages: (hidden: boolean, scope: CliScope = {}) =>
    command(['image', 'list', '--shared', ...(hidden ? ['--hidden'] : []), '--long'], scope),
  /** The members of each image in turn: the placeholder is left for a script's loop. */
  memberListEach: (scope: CliScope = {}) =>
    `${command(['image', 'member', 'list'], scope)} <image-id>`,
  /** What a user of a project lists as shared with it, in every answer. */
  sharedWithMe: (scope: CliScope = {}) =>
    command(['image', 'list', '--shared', '--member-status', 'all'], scope),
  /**
   * The caller's own answer. No `--project`: openstackclient's `image set` then answers for the
   * project the CLI is signed in to (SetImage.take_action takes auth_ref.project_id), which is
   * exactly what the panel's answer does; and releases before 8.3.0 also made `--project` the
   * image's owner, which a consumer may not change.
   */
  answerOwn: (imageId: string, status: MemberStatus, scope: CliScope = {}) =>
    command(['image', 'set', statusFlag[status], imageId], scope),
  setVisibility: (imageId: string, visibility: Visibility, scope: CliScope = {}) =>
    command(['image', 'set', `--${visibility}`, imageId], scope),
  makeShared: (imageId: string, scope: CliScope = {}) =>
    command(['image', 'set', '--shared', imageId], scope),
  /**
   * Boots a server from the image, the placeholders left for the user to fill in. With a region,
   * the command names it: the image ID means nothing to another region's Nova.
   */
  serverCreate: (imageId: string, scope: CliScope = {}) =>
    `${command(['server', 'create', '--image', imageId], scope)} --flavor <flavor> --network <network> <server-name>`,
}
