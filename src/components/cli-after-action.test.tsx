import { useQuery } from '@tanstack/react-query'
import { screen, waitFor, within } from '@testing-library/react'
import { seedImageId, seedProjectId, type SeedImageKey } from '~mocks/seed'
import { glance, tokenFor } from '~mocks/test-helpers'
import { initRuntime } from '~/config/runtime'
import { ApiError } from '~/api/http'
import { imageDetailQuery } from '~/api/queries'
import { resetSessionState, useSession } from '~/session/session'
import { renderSignedIn } from '~/test-render'
import { ImageSharingTable } from '~/components/image-sharing/image-sharing-table'
import { ShareResults } from '~/components/share-image/share-results'
import { VisibilityControl } from '~/components/visibility-control'
import ImageDetailPage from '~/pages/image-detail/route'
import ReviewSharesPage from '~/pages/review-shares/route'

// The demo cloud has two regions, so every command names the image's.
const REGION = 'RegionOne'
const consumerA = seedProjectId('consumer-a')
const consumerB = seedProjectId('consumer-b')

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

/** The disclosure's command block, opened as a user would (if not open already). */
async function openCli(within_: HTMLElement = document.body) {
  const summary = await within(within_).findByText('Same with the openstack CLI')
  const details = summary.closest('details')
  if (!details) throw new Error('the CLI is not in a <details>')
  if (!details.open) summary.click()
  expect(details).toHaveAttribute('open')
  return within(details)
}

/** An image as Image Detail shows it, read from its detail query. */
function WithImage({
  imageId,
  children,
}: {
  imageId: string
  children: (image: NonNullable<ReturnType<typeof useImage>>) => React.ReactNode
}) {
  const image = useImage(imageId)
  return image ? children(image) : <p>loading image</p>
}

function useImage(imageId: string) {
  const session = useSession()
  return useQuery(imageDetailQuery(session, [REGION], imageId)).data?.image
}

const renderWithImage = (
  key: SeedImageKey,
  user: 'alice' | 'bob',
  children: (image: NonNullable<ReturnType<typeof useImage>>) => React.ReactNode,
) =>
  renderSignedIn(
    [
      {
        path: '/',
        element: (
          <main>
            <WithImage imageId={seedImageId(key)}>{children}</WithImage>
          </main>
        ),
      },
    ],
    { path: '/', user },
  )

describe('Same with the openstack CLI, after an action', () => {
  it('gives one image add project for each project the share added, and none other', async () => {
    const image = seedImageId('manyMembers')
    await renderSignedIn(
      [
        {
          path: '/',
          element: (
            <ShareResults
              imageId={image}
              region={REGION}
              results={[
                { raw: consumerA, memberId: consumerA, outcome: 'shared' },
                { raw: consumerB, memberId: consumerB, outcome: 'already-member' },
                {
                  raw: 'x',
                  memberId: "o'dd",
                  outcome: 'failed',
                  error: new ApiError({ status: 503, message: 'Glance is down' }),
                },
              ]}
            />
          ),
        },
      ],
      { path: '/', user: 'alice' },
    )
    const cli = await openCli()
    expect(cli.getByRole('code')).toHaveTextContent(
      `openstack --os-region-name ${REGION} image add project -- ${image} ${consumerA}`,
      { normalizeWhitespace: false },
    )
    expect(cli.getByRole('code').textContent.split('\n')).toHaveLength(1)
    expect(cli.getByRole('button', { name: 'Copy openstack command' })).toBeEnabled()
  })

  it('puts image set --shared first when the share made the image shared', async () => {
    const image = seedImageId('unshared')
    await renderSignedIn(
      [
        {
          path: '/',
          element: (
            <ShareResults
              imageId={image}
              region={REGION}
              madeShared
              results={[{ raw: consumerA, memberId: consumerA, outcome: 'shared' }]}
            />
          ),
        },
      ],
      { path: '/', user: 'alice' },
    )
    const cli = await openCli()
    expect(cli.getByRole('code').textContent.split('\n')).toEqual([
      `openstack --os-region-name ${REGION} image set --shared -- ${image}`,
      `openstack --os-region-name ${REGION} image add project -- ${image} ${consumerA}`,
    ])
    expect(cli.getByRole('button', { name: 'Copy openstack commands' })).toBeEnabled()
  })

  it('gives the accept a consumer just sent from the Review page, in that row', async () => {
    const { user } = await renderSignedIn(
      [
        {
          path: '/review',
          element: (
            <main>
              <ReviewSharesPage />
            </main>
          ),
        },
      ],
      { path: '/review' },
    )
    const app = 'app-server-2026.01'
    const table = await screen.findByRole('table', { name: 'Images waiting for your answer' })
    const row = within(table)
      .getAllByRole('row')
      .find((r) => within(r).queryByRole('link', { name: app }))
    if (!row) throw new Error(`no row for ${app}`)
    expect(within(row).queryByText('Same with the openstack CLI')).toBeNull()
    await user.click(within(row).getByRole('button', { name: `Accept ${app}` }))
    const cli = await openCli(row)
    expect(cli.getByRole('code')).toHaveTextContent(
      `openstack --os-region-name ${REGION} image set --accept -- ${seedImageId('pendingForBob')}`,
    )
    expect(cli.getByText(/Run it as project consumer-a: with no --project/)).toBeInTheDocument()
    expect(cli.getByRole('button', { name: `Copy openstack command for ${app}` })).toBeEnabled()
  })

  it("gives the consumer's answer on Image Detail, and the next answer replaces it", async () => {
    const { user } = await renderSignedIn(
      [{ path: '/images/:imageId', element: <ImageDetailPage /> }],
      { path: `/images/${seedImageId('acceptedByBob')}?region=${REGION}` },
    )
    const section = await screen.findByRole('region', { name: 'Shared with this project' })
    await user.click(await within(section).findByRole('button', { name: 'Move back to pending' }))
    const id = seedImageId('acceptedByBob')
    let cli = await openCli(section)
    expect(cli.getByRole('code')).toHaveTextContent(`image set --pending -- ${id}`)
    await user.click(within(section).getByRole('button', { name: 'Accept' }))
    await within(section).findByRole('button', { name: 'Remove Image' })
    cli = await openCli(section)
    expect(cli.getByRole('code')).toHaveTextContent(
      `openstack --os-region-name ${REGION} image set --accept -- ${id}`,
    )
    expect(cli.getAllByRole('code')).toHaveLength(1)
  })

  it('gives the visibility just set, and none before', async () => {
    const { user } = await renderWithImage('manyMembers', 'alice', (image) => (
      <VisibilityControl image={image} region={REGION} />
    ))
    await screen.findByRole('group', { name: /Who can use this image/ })
    expect(screen.queryByText('Same with the openstack CLI')).toBeNull()
    await user.click(screen.getByRole('radio', { name: 'Private' }))
    await user.click(screen.getByRole('button', { name: 'Change visibility' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Make this image private?' })
    await user.click(within(dialog).getByRole('button', { name: 'Make private' }))
    const cli = await openCli()
    expect(cli.getByRole('code')).toHaveTextContent(
      `openstack --os-region-name ${REGION} image set --private -- ${seedImageId('manyMembers')}`,
    )
  })

  /** alice's Image Sharing table for `key`, with `action` confirmed on consumer-a's row. */
  async function confirmOnConsumerA(
    key: 'manyMembers' | 'rejectedByBob',
    action: string,
    title: string,
    member = consumerA,
  ) {
    const { user } = await renderWithImage(key, 'alice', (image) => (
      <ImageSharingTable image={image} region={REGION} />
    ))
    const table = await screen.findByRole('table', { name: 'Image Sharing' })
    const row = within(table)
      .getAllByRole('row')
      .find((r) => r.textContent.includes(member))
    if (!row) throw new Error(`${member} is not a member`)
    await user.click(within(row).getByRole('button', { name: action }))
    const dialog = await screen.findByRole('alertdialog', { name: title })
    await user.click(within(dialog).getByRole('button', { name: action }))
    return user
  }

  it('gives the member the owner just removed, then the add that Undo sent', async () => {
    const user = await confirmOnConsumerA('manyMembers', 'Remove', 'Remove this member?')
    const image = seedImageId('manyMembers')
    const cli = await openCli()
    expect(cli.getByRole('code')).toHaveTextContent(
      `openstack --os-region-name ${REGION} image remove project -- ${image} ${consumerA}`,
    )
    await user.click(screen.getByRole('button', { name: 'Undo' }))
    await waitFor(() => {
      expect(cli.getByRole('code')).toHaveTextContent(
        `openstack --os-region-name ${REGION} image add project -- ${image} ${consumerA}`,
      )
    })
  })

  it('gives both commands of a re-share: the remove, then the add', async () => {
    await confirmOnConsumerA('rejectedByBob', 'Re-share', 'Re-share with this project?')
    const image = seedImageId('rejectedByBob')
    const cli = await openCli()
    expect(cli.getByRole('code').textContent.split('\n')).toEqual([
      `openstack --os-region-name ${REGION} image remove project -- ${image} ${consumerA}`,
      `openstack --os-region-name ${REGION} image add project -- ${image} ${consumerA}`,
    ])
  })

  it('names no member whose ID is an option to openstack, and says why', async () => {
    // Glance takes any text as a member ID; as an argument this one would send the password of
    // whoever runs the command to that Keystone.
    const hostile = '--os-auth-url=http://127.0.0.1:6199/v3'
    const image = seedImageId('manyMembers')
    const added = await glance(await tokenFor('alice', 'producer'), `/images/${image}/members`, {
      region: REGION,
      method: 'POST',
      body: { member: hostile },
    })
    expect(added.status).toBe(200)
    await confirmOnConsumerA('manyMembers', 'Remove', 'Remove this member?', hostile)
    const cli = await openCli()
    expect(cli.getByRole('code')).toHaveTextContent(
      `openstack --os-region-name ${REGION} image remove project -- ${image} <project-id>`,
    )
    expect(cli.getByRole('code')).not.toHaveTextContent('os-auth-url')
    expect(
      cli.getByText(`“${hostile}” is not a Keystone project ID, so no command names it`, {
        exact: false,
      }),
    ).toBeVisible()
  })
})
