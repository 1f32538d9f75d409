import type { QueryClient } from '@tanstack/react-query'
import { screen, waitFor, within } from '@testing-library/react'
import { http } from 'msw'
import { transact } from '~mocks/db'
import { server } from '~mocks/node'
import {
  seedImageId,
  seedProjectId,
  seedRoleId,
  seedUserId,
  type SeedImageKey,
  type SeedUserName,
} from '~mocks/seed'
import { control, glance, tokenFor } from '~mocks/test-helpers'
import { initRuntime } from '~/config/runtime'
import { pendingSharesQuery } from '~/api/queries'
import type { Session } from '~/api/scope'
import { resetSessionState } from '~/session/session'
import ImageDetailPage from '~/pages/image-detail/route'
import { renderSignedIn } from '~/test-render'
import { goneText } from '~/api/describe-error'

const producer = seedProjectId('producer')
const consumerA = seedProjectId('consumer-a')
const consumerB = seedProjectId('consumer-b')

beforeEach(() => {
  initRuntime({ mode: 'demo', defaultDomain: 'Default' })
  resetSessionState()
})

function renderDetail(
  key: SeedImageKey,
  user: SeedUserName = 'bob',
  before?: (client: QueryClient, session: Session) => Promise<unknown>,
) {
  return renderSignedIn(
    [
      { path: '/images/:imageId', element: <ImageDetailPage /> },
      { path: '/images', element: <h1>Saved Images</h1> },
    ],
    { path: `/images/${seedImageId(key)}?region=RegionOne`, user, before },
  )
}

const section = () => screen.findByRole('region', { name: 'Shared with this project' })
const membershipTable = () => screen.findByRole('table', { name: 'Your membership' })
const yourAnswer = async () => {
  const term = within(await section()).getByText('Your answer')
  return term.nextElementSibling as HTMLElement
}
const button = (name: string) => screen.getByRole('button', { name })

/** Holds every PUT of a member row until `release` is called, then lets the demo cloud answer. */
function holdAnswers() {
  let release = () => {}
  const gate = new Promise<void>((resolve) => {
    release = resolve
  })
  // Returning nothing passes the request on to the demo cloud's own handler.
  server.use(
    http.put('*/v2/images/:imageId/members/:memberId', async () => {
      await gate
    }),
  )
  return () => {
    release()
  }
}

/** The producer (alice) removes consumer-a from the image's members, behind bob's page. */
async function producerRemovesBob(key: SeedImageKey) {
  const token = await tokenFor('alice')
  const response = await glance(token, `/images/${seedImageId(key)}/members/${consumerA}`, {
    method: 'DELETE',
  })
  expect(response.status).toBe(204)
}

describe('Image Detail of another project’s shared image', () => {
  it('shows the producer, our own answer, only our own row and how to launch it', async () => {
    await renderDetail('pendingForBob')
    const region = await section()
    expect(within(region).getByText('Shared by').nextElementSibling).toHaveTextContent(producer)
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Pending')
    })
    expect(region).toHaveTextContent(/not in your image lists yet.*use it by its ID/)
    expect(button('Accept')).toBeVisible()
    expect(button('Reject')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Remove Image' })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Move back to pending' })).toBeNull()

    const rows = within(await membershipTable()).getAllByRole('row')
    expect(rows).toHaveLength(2)
    expect(rows[1]).toHaveTextContent(consumerA)
    expect(rows[1]).toHaveTextContent('Pending')
    // consumer-b is a member too (accepted), but Glance shows a member only its own row.
    expect(screen.queryByText(consumerB)).toBeNull()

    const launch = within(region).getByRole('region', { name: 'Launch a server from this image' })
    const command = `openstack --os-region-name RegionOne server create --image ${seedImageId('pendingForBob')} --flavor <flavor> --network <network> -- <server-name>`
    expect(within(launch).getByText(command).tagName).toBe('CODE')
    expect(within(launch).getByRole('button', { name: 'Copy server create command' })).toBeVisible()
    // A member can neither change the image nor list other members: neither section is offered.
    expect(screen.queryByRole('heading', { name: 'Visibility' })).toBeNull()
    expect(screen.queryByRole('heading', { name: 'Image Sharing' })).toBeNull()
  })

  it('accepts: the answer shows at once, then stays', async () => {
    const { user } = await renderDetail('pendingForBob')
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Pending')
    })
    const release = holdAnswers()
    await user.click(button('Accept'))
    // Optimistic: Glance has not answered yet.
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Accepted')
    })
    expect(await yourAnswer()).toHaveTextContent('Sending your answer')
    expect(button('Accept')).toHaveAttribute('aria-busy', 'true')
    expect(button('Reject')).toBeDisabled()
    release()
    expect(await screen.findByText('Accepted app-server-2026.01')).toBeInTheDocument()
    await waitFor(() => {
      expect(button('Remove Image')).toBeVisible()
    })
    expect(await yourAnswer()).toHaveTextContent('Accepted')
    expect(await yourAnswer()).not.toHaveTextContent('Sending')
    expect(button('Move back to pending')).toBeVisible()
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull()
    expect(await section()).toHaveTextContent(/in Saved Images/)
    expect(within(await membershipTable()).getAllByRole('row')[1]).toHaveTextContent('Accepted')
  })

  it('Remove Image asks first, then the image is rejected', async () => {
    const { user } = await renderDetail('acceptedByBob')
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Accepted')
    })
    await user.click(button('Remove Image'))
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove app-server-2026.02?' })
    await user.click(within(dialog).getByRole('button', { name: 'Remove Image' }))
    await waitFor(() => {
      expect(screen.queryByRole('alertdialog')).toBeNull()
    })
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Rejected')
    })
    expect(await section()).toHaveTextContent(/hidden from your image lists.*still use it/)
    expect(button('Accept')).toBeVisible()
    expect(button('Move back to pending')).toBeVisible()
  })

  it('rolls back and says why when Glance fails', async () => {
    const { user } = await renderDetail('pendingForBob')
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Pending')
    })
    await control('settings', { failNext: { status: 503, method: 'PUT' } })
    await user.click(button('Accept'))
    expect(await screen.findByText('Could not accept app-server-2026.01')).toBeInTheDocument()
    expect(screen.getByText(/Nothing changed; try again/)).toBeInTheDocument()
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Pending')
    })
    expect(button('Accept')).toBeEnabled()
  })

  it('turns into "Image no longer available" when the producer removed us meanwhile', async () => {
    const { user } = await renderDetail('pendingForBob')
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Pending')
    })
    await producerRemovesBob('pendingForBob')
    await user.click(button('Accept'))
    expect(await screen.findByText(goneText)).toBeInTheDocument()
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Image no longer available' }),
    ).toBeVisible()
    expect(screen.getByText('app-server-2026.01')).toBeInTheDocument()
    expect(
      screen.getByText(
        /The producer removed project consumer-a from its members, made it private, or deleted it\./,
      ),
    ).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Back to Saved Images' })).toHaveAttribute(
      'href',
      '/images',
    )
  })

  it('says "no longer available" for an image a list had shown, opened after it went', async () => {
    await renderDetail('pendingForBob', 'bob', async (client, session) => {
      await client.query(pendingSharesQuery(session, ['RegionOne']))
      await producerRemovesBob('pendingForBob')
    })
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Image no longer available' }),
    ).toBeVisible()
    expect(screen.getByText(/The producer removed project consumer-a/)).toBeInTheDocument()
  })

  it('keeps "Image not found" for an image this tab never saw', async () => {
    await producerRemovesBob('pendingForBob')
    await renderDetail('pendingForBob')
    expect(await screen.findByRole('heading', { level: 1, name: 'Image not found' })).toBeVisible()
  })

  it('says so in words when the membership is gone while the page shows the image', async () => {
    const { client } = await renderDetail('rejectedByBob')
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Rejected')
    })
    await producerRemovesBob('rejectedByBob')
    // Only our row is asked again (as a focus refetch would): the section says it, and the
    // image is read again, which turns the page into the gone state.
    await client.invalidateQueries({ queryKey: ['p', seedUserId('bob'), consumerA, 'members'] })
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Image no longer available' }),
    ).toBeVisible()
  })

  it('shows a reader the answers disabled, with the reason', async () => {
    transact((db) => {
      for (const a of db.assignments)
        if (a.userId === seedUserId('bob') && a.projectId === consumerA)
          a.roleId = seedRoleId('reader')
    })
    await renderDetail('pendingForBob')
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Pending')
    })
    for (const name of ['Accept', 'Reject']) {
      expect(button(name)).toHaveAttribute('aria-disabled', 'true')
      expect(button(name)).toHaveAccessibleDescription(
        'Your role in this project is reader: only the member role can answer a share.',
      )
    }
  })

  it('shows an admin that the project is not a member, without answers', async () => {
    await renderDetail('pendingForBob', 'admin')
    const region = await section()
    expect(
      await within(region).findByText(/only the projects it is shared with answer/),
    ).toBeVisible()
    expect(await yourAnswer()).toHaveTextContent('This project is not a member')
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull()
    expect(screen.queryByRole('table', { name: 'Your membership' })).toBeNull()
  })

  it('reports a membership that could not be loaded, with Try again', async () => {
    const { user } = await renderDetail('pendingForBob', 'bob', () =>
      control('settings', { failNext: { status: 503, method: 'GET', path: '/members/' } }),
    )
    const alert = await within(await section()).findByRole('alert')
    expect(alert).toHaveTextContent('Your membership could not be loaded')
    await user.click(within(alert).getByRole('button', { name: 'Try again' }))
    await waitFor(async () => {
      expect(await yourAnswer()).toHaveTextContent('Pending')
    })
  })

  it('offers the owner the launch command but no consumer section', async () => {
    await renderDetail('pendingForBob', 'alice')
    expect(
      await screen.findByRole('region', { name: 'Launch a server from this image' }),
    ).toBeVisible()
    expect(screen.queryByRole('region', { name: 'Shared with this project' })).toBeNull()
    expect(await screen.findByRole('table', { name: 'Image Sharing' })).toBeInTheDocument()
  })
})
