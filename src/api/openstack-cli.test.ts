import { cli, cliScope, projectIdNotInCommand, shellQuote } from '~/api/openstack-cli'

const IMAGE = '2a1e3f6c-1d4b-4f0e-9a77-0c2b1f3d4e5a'
const PROJECT = '0f1e2d3c4b5a69788796a5b4c3d2e1f0'

describe('shell quoting', () => {
  it('leaves plain words bare and escapes single quotes', () => {
    expect(shellQuote('RegionOne')).toBe('RegionOne')
    expect(shellQuote(IMAGE)).toBe(IMAGE)
    expect(shellQuote("it's; rm -rf ~")).toBe(`'it'\\''s; rm -rf ~'`)
    expect(shellQuote('a`b`')).toBe("'a`b`'")
    expect(shellQuote('')).toBe("''")
  })
})

describe('the launch command', () => {
  it('quotes a region whose name the shell would read', () => {
    expect(cli.serverCreate(IMAGE, { region: 'Two$(touch PWNED)' })).toBe(
      `openstack --os-region-name 'Two$(touch PWNED)' server create --image ${IMAGE} --flavor <flavor> --network <network> -- <server-name>`,
    )
  })

  it('names no image ID that is not a UUID', () => {
    expect(cli.serverCreate('$(id)')).toContain('--image <image-id> ')
  })
})

describe('the sharing commands', () => {
  it('name the region only when given one', () => {
    expect(cli.imageShow(IMAGE)).toBe(`openstack image show -- ${IMAGE}`)
    expect(cli.memberList(IMAGE, { region: 'Region Two' })).toBe(
      `openstack --os-region-name 'Region Two' image member list -- ${IMAGE}`,
    )
  })

  it('add, remove and answer for a project, and make an image shared', () => {
    expect(cli.addProject(IMAGE, PROJECT)).toBe(
      `openstack image add project -- ${IMAGE} ${PROJECT}`,
    )
    expect(cli.removeProject(IMAGE, PROJECT)).toBe(
      `openstack image remove project -- ${IMAGE} ${PROJECT}`,
    )
    expect(cli.setStatus(IMAGE, 'accepted', PROJECT)).toBe(
      `openstack image set --accept --project ${PROJECT} -- ${IMAGE}`,
    )
    expect(cli.setStatus(IMAGE, 'rejected', PROJECT)).toContain('--reject')
    expect(cli.setStatus(IMAGE, 'pending', PROJECT)).toContain('--pending')
    expect(cli.setStatusSafe(IMAGE, 'rejected', PROJECT, { region: "O'Hare" })).toBe(
      `glance --os-region-name 'O'\\''Hare' member-update -- ${IMAGE} ${PROJECT} rejected`,
    )
    expect(cli.makeShared(IMAGE)).toBe(`openstack image set --shared -- ${IMAGE}`)
  })

  it('name a project ID in capitals or with dashes as Glance holds it', () => {
    const dashed = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0'
    expect(cli.removeProject(IMAGE, dashed)).toBe(
      `openstack image remove project -- ${IMAGE} ${dashed}`,
    )
    expect(cli.removeProject(IMAGE, PROJECT.toUpperCase())).toBe(
      `openstack image remove project -- ${IMAGE} ${PROJECT.toUpperCase()}`,
    )
    expect(projectIdNotInCommand(dashed)).toBeUndefined()
    expect(projectIdNotInCommand(PROJECT)).toBeUndefined()
  })
})

// Glance takes any text of up to 255 characters as a member ID, and openstackclient reads its
// global options anywhere in argv: this one would send the reader's password to that Keystone.
const HOSTILE = '--os-auth-url=http://127.0.0.1:6199/v3'

describe('a member ID that is not a project ID', () => {
  it.each([
    [
      'addProject',
      cli.addProject(IMAGE, HOSTILE),
      `openstack image add project -- ${IMAGE} <project-id>`,
    ],
    [
      'removeProject',
      cli.removeProject(IMAGE, HOSTILE, { region: 'RegionOne' }),
      `openstack --os-region-name RegionOne image remove project -- ${IMAGE} <project-id>`,
    ],
    [
      'setStatus',
      cli.setStatus(IMAGE, 'accepted', HOSTILE),
      `openstack image set --accept --project <project-id> -- ${IMAGE}`,
    ],
    [
      'setStatusSafe',
      cli.setStatusSafe(IMAGE, 'rejected', HOSTILE),
      `glance member-update -- ${IMAGE} <project-id> rejected`,
    ],
  ])('is never put in %s: a placeholder stands in its place', (_, command, expected) => {
    expect(command).toBe(expected)
    expect(command).not.toContain('--os-auth-url')
    expect(command).not.toContain('127.0.0.1')
  })

  it.each([
    '$(reboot)',
    'build-farm',
    '-x',
    '0f1e2d3c4b5a69788796a5b4c3d2e1f', // 31 digits
    `${PROJECT} `,
    'constructor',
  ])('%j is not named either', (id) => {
    expect(cli.addProject(IMAGE, id)).toBe(`openstack image add project -- ${IMAGE} <project-id>`)
  })

  it('is given a reason to show under the commands', () => {
    expect(projectIdNotInCommand(HOSTILE)).toBe(
      `“${HOSTILE}” is not a Keystone project ID, so no command names it: <project-id> stands in its place. openstack would take such a text for an option of its own.`,
    )
  })

  it('nor is an image ID that is not a UUID', () => {
    expect(cli.imageShow('--os-auth-url=http://127.0.0.1:6199/v3')).toBe(
      'openstack image show -- <image-id>',
    )
    expect(cli.removeProject(`-${IMAGE}`, PROJECT)).toBe(
      `openstack image remove project -- <image-id> ${PROJECT}`,
    )
  })
})

describe('the commands after an action', () => {
  it("answer for the caller's own project, with no --project", () => {
    expect(cli.answerOwn(IMAGE, 'accepted')).toBe(`openstack image set --accept -- ${IMAGE}`)
    expect(cli.answerOwn(IMAGE, 'rejected')).toBe(`openstack image set --reject -- ${IMAGE}`)
    expect(cli.answerOwn(IMAGE, 'pending')).toBe(`openstack image set --pending -- ${IMAGE}`)
  })

  it('quote an odd region in an answer, and leave out an odd image ID', () => {
    expect(cli.answerOwn("img 'x'", 'accepted', { region: 'Region Two; ls' })).toBe(
      `openstack --os-region-name 'Region Two; ls' image set --accept -- <image-id>`,
    )
  })

  it('set each visibility with its own flag', () => {
    expect(cli.setVisibility(IMAGE, 'private')).toBe(`openstack image set --private -- ${IMAGE}`)
    expect(cli.setVisibility(IMAGE, 'shared')).toBe(`openstack image set --shared -- ${IMAGE}`)
    expect(cli.setVisibility(IMAGE, 'community')).toBe(
      `openstack image set --community -- ${IMAGE}`,
    )
    expect(cli.setVisibility(IMAGE, 'public', { region: 'eu-west' })).toBe(
      `openstack --os-region-name eu-west image set --public -- ${IMAGE}`,
    )
  })

  it('name the region only in a cloud of several', () => {
    expect(cliScope(1, 'RegionOne')).toEqual({ region: undefined })
    expect(cli.removeProject(IMAGE, PROJECT, cliScope(1, 'RegionOne'))).toBe(
      `openstack image remove project -- ${IMAGE} ${PROJECT}`,
    )
    expect(cli.addProject(IMAGE, PROJECT, cliScope(2, 'Région *2*'))).toBe(
      `openstack --os-region-name 'Région *2*' image add project -- ${IMAGE} ${PROJECT}`,
    )
  })

  it("put -- before the loop's image ID, and none in a list without arguments", () => {
    expect(cli.memberListEach()).toBe('openstack image member list -- <image-id>')
    expect(cli.sharedImages(true)).toBe('openstack image list --shared --hidden --long')
    expect(cli.sharedWithMe()).toBe('openstack image list --shared --member-status all')
  })
})
