import { serverCreateCommand, shellWord } from './launch-server'

describe('the launch command', () => {
  it('quotes a region whose name the shell would read', () => {
    expect(serverCreateCommand('0a1b-2c', 'Two$(touch PWNED)')).toBe(
      "openstack --os-region-name 'Two$(touch PWNED)' server create --image 0a1b-2c --flavor <flavor> --network <network> <server-name>",
    )
  })

  it('leaves plain words bare and escapes single quotes', () => {
    expect(shellWord('RegionOne')).toBe('RegionOne')
    expect(shellWord('2a1e3f6c-1d4b-4f0e-9a77-0c2b1f3d4e5a')).toBe(
      '2a1e3f6c-1d4b-4f0e-9a77-0c2b1f3d4e5a',
    )
    expect(shellWord("it's; rm -rf ~")).toBe(`'it'\\''s; rm -rf ~'`)
    expect(shellWord('a`b`')).toBe("'a`b`'")
    expect(shellWord('')).toBe("''")
  })

  it('quotes the image ID as well', () => {
    expect(serverCreateCommand('$(id)')).toContain("--image '$(id)' ")
  })
})
