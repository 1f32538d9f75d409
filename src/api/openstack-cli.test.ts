import { cli, shellQuote } from '~/api/openstack-cli'

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
