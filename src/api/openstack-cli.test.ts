import { cli, cliScope, shellQuote } from '~/api/openstack-cli'

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
    expect(cli.serverCreate('0a1b-2c', { region: 'Two$(touch PWNED)' })).toBe(
      "openstack --os-region-name 'Two$(touch PWNED)' server create --image 0a1b-2c --flavor <flavor> --network <network> <server-name>",
    )
  })

  it('quotes the image ID as well', () => {
    expect(cli.serverCreate('$(id)')).toContain("--image '$(id)' ")
  })
})

describe('the sharing commands', () => {
  it('name the region only when given one', () => {
    expect(cli.imageShow(IMAGE)).toBe(`openstack image show ${IMAGE}`)
    expect(cli.memberList(IMAGE, { region: 'Region Two' })).toBe(
      `openstack --os-region-name 'Region Two' image member list ${IMAGE}`,
    )
  })

  it('add, remove and answer for a project, and make an image shared', () => {
    expect(cli.addProject(IMAGE, PROJECT)).toBe(`openstack image add project ${IMAGE} ${PROJECT}`)
    expect(cli.removeProject(IMAGE, PROJECT)).toBe(
      `openstack image remove project ${IMAGE} ${PROJECT}`,
    )
    expect(cli.setStatus(IMAGE, 'accepted', PROJECT)).toBe(
      `openstack image set --accept --project ${PROJECT} ${IMAGE}`,
    )
    expect(cli.setStatus(IMAGE, 'rejected', PROJECT)).toContain('--reject')
    expect(cli.setStatus(IMAGE, 'pending', PROJECT)).toContain('--pending')
    expect(cli.setStatusSafe(IMAGE, 'rejected', PROJECT, { region: "O'Hare" })).toBe(
      `glance --os-region-name 'O'\\''Hare' member-update ${IMAGE} ${PROJECT} rejected`,
    )
    expect(cli.makeShared(IMAGE)).toBe(`openstack image set --shared ${IMAGE}`)
  })

  it('quote a pasted ID that the shell would read', () => {
    expect(cli.addProject(IMAGE, '$(reboot)')).toBe(
      `openstack image add project ${IMAGE} '$(reboot)'`,
    )
  })
})

describe('the commands after an action', () => {
  it("answer for the caller's own project, with no --project", () => {
    expect(cli.answerOwn(IMAGE, 'accepted')).toBe(`openstack image set --accept ${IMAGE}`)
    expect(cli.answerOwn(IMAGE, 'rejected')).toBe(`openstack image set --reject ${IMAGE}`)
    expect(cli.answerOwn(IMAGE, 'pending')).toBe(`openstack image set --pending ${IMAGE}`)
  })

  it('quote an odd image ID and region in an answer', () => {
    expect(cli.answerOwn("img 'x'", 'accepted', { region: 'Region Two; ls' })).toBe(
      `openstack --os-region-name 'Region Two; ls' image set --accept 'img '\\''x'\\'''`,
    )
  })

  it('set each visibility with its own flag', () => {
    expect(cli.setVisibility(IMAGE, 'private')).toBe(`openstack image set --private ${IMAGE}`)
    expect(cli.setVisibility(IMAGE, 'shared')).toBe(`openstack image set --shared ${IMAGE}`)
    expect(cli.setVisibility(IMAGE, 'community')).toBe(`openstack image set --community ${IMAGE}`)
    expect(cli.setVisibility('$(id)', 'public', { region: 'eu-west' })).toBe(
      `openstack --os-region-name eu-west image set --public '$(id)'`,
    )
  })

  it('name the region only in a cloud of several', () => {
    expect(cliScope(1, 'RegionOne')).toEqual({ region: undefined })
    expect(cli.removeProject(IMAGE, PROJECT, cliScope(1, 'RegionOne'))).toBe(
      `openstack image remove project ${IMAGE} ${PROJECT}`,
    )
    expect(cli.addProject(IMAGE, PROJECT, cliScope(2, 'Région *2*'))).toBe(
      `openstack --os-region-name 'Région *2*' image add project ${IMAGE} ${PROJECT}`,
    )
  })
})
