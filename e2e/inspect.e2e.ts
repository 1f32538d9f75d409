import type { Page } from '@playwright/test'
import { demoTokenFor, expect, signIn, signInAndWait, test } from './fixtures'

/**
 * An image's ID as support staff would copy it from the CLI: asked of the demo Glance as admin.
 * `hidden`: Glance lists hidden images only when asked for them (os_hidden=true).
 */
async function imageIdByName(page: Page, name: string, hidden = false) {
  const { token } = await demoTokenFor(page, 'admin', 'admin')
  const id = await page.evaluate(
    async ({ token, name, hidden }) => {
      const r = await fetch(
        `/demo-cloud/image/RegionOne/v2/images?name=${encodeURIComponent(name)}${hidden ? '&os_hidden=true' : ''}`,
        {
          headers: { 'X-Auth-Token': token, Accept: 'application/json' },
        },
      )
      const body = (await r.json()) as { images: { id: string }[] }
      return body.images[0]?.id ?? ''
    },
    { token, name, hidden },
  )
  expect(id).toMatch(/^[0-9a-f-]{36}$/)
  return id
}

/** Types (or pastes) `text` into "Image ID" and asks for it. */
async function lookUp(page: Page, text: string) {
  await page.getByRole('textbox', { name: 'Image ID' }).fill(text)
  await page.getByRole('button', { name: 'Inspect', exact: true }).click()
}

/** Opens Inspect as admin on the image called `name`; returns its ID. */
async function inspectImageNamed(page: Page, name: string) {
  await openInspect(page)
  const id = await imageIdByName(page, name)
  await lookUp(page, id)
  return id
}

async function openInspect(page: Page) {
  await signInAndWait(page, 'admin')
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Inspect' })
    .click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inspect image')
}

test('support staff find any image by its ID in any form and see its facts and members', async ({
  page,
}) => {
  await openInspect(page)
  const id = await imageIdByName(page, 'base-image-many-members')

  const field = page.getByRole('textbox', { name: 'Image ID' })
  await field.fill('not an id')
  await page.getByRole('button', { name: 'Inspect', exact: true }).click()
  await expect(field).toHaveAccessibleDescription(/Enter an image ID/)
  await expect(field).toHaveValue('not an id')

  // Capitals and no dashes, as IDs get pasted from elsewhere.
  await field.fill(id.replace(/-/g, '').toUpperCase())
  await page.getByRole('button', { name: 'Inspect', exact: true }).click()
  await expect(
    page.getByRole('heading', { level: 2, name: 'base-image-many-members' }),
  ).toBeVisible()
  await expect(field).toHaveValue(id)
  const facts = page.getByRole('region', { name: 'base-image-many-members' })
  await expect(facts.getByRole('definition').filter({ hasText: 'producer' })).toBeVisible()
  await expect(facts).toContainText('shared')

  const members = page.getByRole('table', { name: 'Members' })
  await expect(members.getByRole('row')).toHaveCount(6)
  await page.getByLabel('Filter by status').selectOption('rejected')
  await expect(members.getByRole('row')).toHaveCount(2)
  await expect(members.getByRole('row').nth(1)).toContainText('consumer-b')
  await expect(members.getByRole('row').nth(1)).toContainText('Boots it by ID; not listed')

  // The commands that show the same.
  await facts.getByText('Same with the openstack CLI').click()
  await expect(facts.getByText(`image member list -- ${id}`)).toBeVisible()
})

test('Explain and Check a project say what a project sees and why, and survive a reload', async ({
  page,
}) => {
  const id = await inspectImageNamed(page, 'base-image-many-members')

  const rejected = page
    .getByRole('table', { name: 'Members' })
    .getByRole('row')
    .filter({ hasText: 'consumer-b' })
  await rejected.getByRole('button', { name: /^Explain what project/ }).click()
  const check = page.getByRole('region', { name: 'Check a project' })
  await expect(check.getByRole('heading', { level: 3 })).toContainText('consumer-b')
  await expect(check).toContainText('It is a member; its answer is rejected.')
  const verdict = (term: string) =>
    check.getByRole('term').filter({ hasText: term }).locator('xpath=following-sibling::dd')
  await expect(verdict('Can boot a server from it by ID')).toContainText('Yes')
  await expect(verdict('Sees it in its default image list')).toContainText(
    'Its answer is rejected: a shared image is listed only once the member accepts it.',
  )

  // Any project, a member or not.
  const stranger = '0123456789abcdef0123456789abcdef'
  await check.getByRole('textbox', { name: 'Project ID' }).fill(stranger)
  await check.getByRole('button', { name: 'Check' }).click()
  await expect(check).toContainText('It is not a member of this image.')
  await expect(verdict('Can boot a server from it by ID')).toContainText(
    'It is not a member of this shared image.',
  )
  await check.getByText('Same with the openstack CLI').click()
  await expect(check.getByText(`image add project -- ${id} ${stranger}`)).toBeVisible()

  await page.reload()
  await expect(check.getByRole('textbox', { name: 'Project ID' })).toHaveValue(stranger)
  await expect(check).toContainText('It is not a member of this image.')
})

/** Signs `user` out through the user menu, as a person at a shared browser does. */
async function signOutOf(page: Page, user: string) {
  await page.getByRole('button', { name: `User menu for ${user}` }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page.getByText('You have signed out.')).toBeVisible()
}

test('acting for a consumer is confirmed first, names the project and overrides its answer', async ({
  page,
}) => {
  // The owner has looked at the image's members earlier in this browser (one user at a time).
  await signInAndWait(page, 'alice')
  await page.getByRole('link', { name: 'base-image-many-members' }).click()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('base-image-many-members')
  const ownerPage = page.url()
  // alice cannot read other projects' names: consumer-b's is the one rejected row.
  const ownerRows = page.getByRole('table', { name: 'Image Sharing' }).getByRole('row')
  await expect(ownerRows.filter({ hasText: 'Rejected' })).toHaveCount(1)
  await expect(page.getByText('Changed since you last looked')).toHaveCount(0)
  await signOutOf(page, 'alice')

  await inspectImageNamed(page, 'base-image-many-members')
  const members = page.getByRole('table', { name: 'Members' })
  const carolRow = members.getByRole('row').filter({ hasText: 'consumer-b' })
  await carolRow.getByRole('button', { name: /^Explain what project/ }).click()
  const check = page.getByRole('region', { name: 'Check a project' })

  await check.getByRole('button', { name: 'Set to accepted' }).click()
  const confirm = page.getByRole('alertdialog', { name: "Override consumer-b's own answer?" })
  await expect(confirm).toContainText('in place of the decision the project made itself (rejected)')
  await confirm.getByRole('button', { name: 'Cancel' }).click()
  await expect(carolRow).toContainText('Rejected')

  await check.getByRole('button', { name: 'Set to accepted' }).click()
  await confirm.getByRole('button', { name: 'Set to accepted' }).click()
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
    "consumer-b's answer is now accepted",
  )
  await expect(carolRow).toContainText('Accepted')
  await expect(check).toContainText('It is a member; its answer is accepted.')

  // The owner's next look marks the change, and says what this browser knows of who made it.
  await signOutOf(page, 'admin')
  await signIn(page, 'alice', { goto: false })
  await expect(page.getByRole('button', { name: 'User menu for alice' })).toBeVisible()
  await page.goto(ownerPage)
  const changed = ownerRows.filter({ hasText: 'Changed since you last looked' })
  await expect(changed).toHaveCount(1)
  await expect(changed).toContainText('Accepted')
  await expect(changed).toContainText(
    'Changed since you last looked, from rejected: an administrator set it for the project from this panel.',
  )
})

test('a pasted panel link finds the image; a private image is explained without its hidden rows', async ({
  page,
}) => {
  await openInspect(page)
  const id = await imageIdByName(page, 'producer-private-base')
  const bobProject = (await demoTokenFor(page, 'bob', 'consumer-a')).projectId
  await lookUp(page, `https://panel.example.org/images/${id}?region=RegionOne`)
  await expect(page.getByRole('heading', { level: 2, name: 'producer-private-base' })).toBeVisible()
  await expect(page.getByRole('form', { name: 'Find an image' }).getByLabel('Region')).toHaveValue(
    'RegionOne',
  )
  // Glance answers 403 to a member list of a private image, admin included: none is asked for.
  await expect(page.getByRole('region', { name: 'Members' })).toContainText(
    'Glance lists the members of shared images only',
  )

  const check = page.getByRole('region', { name: 'Check a project' })
  await check.getByRole('textbox', { name: 'Project ID' }).fill(bobProject)
  await check.getByRole('button', { name: 'Check' }).click()
  await expect(check).toContainText('Glance lists no members of an image that is not shared.')
  await expect(check).toContainText(
    'The image is private: only its owner sees it. Glance keeps, hidden, any member row',
  )
  // Only commands Glance would answer: no member list of a private image.
  await check.getByText('Same with the openstack CLI').click()
  await expect(check.getByText(`image set --shared -- ${id}`)).toBeVisible()
  await expect(check.getByText(`image add project -- ${id} ${bobProject}`)).toBeVisible()
  await expect(page.getByText('image member list')).toHaveCount(0)
})

test('a deactivated image boots for no member, and a hidden one is in no list', async ({
  page,
}) => {
  await openInspect(page)
  const members = page.getByRole('table', { name: 'Members' })
  const check = page.getByRole('region', { name: 'Check a project' })
  const verdict = (term: string) =>
    check.getByRole('term').filter({ hasText: term }).locator('xpath=following-sibling::dd')

  await lookUp(page, await imageIdByName(page, 'legacy-app-2019'))
  const bob = members.getByRole('row').filter({ hasText: 'consumer-a' })
  await expect(bob).toContainText('Cannot boot it; listed')
  await bob.getByRole('button', { name: /^Explain what project/ }).click()
  await expect(verdict('Can boot a server from it by ID')).toContainText(
    'The image is deactivated: Glance serves its data to no one but an admin.',
  )

  await lookUp(page, await imageIdByName(page, 'producer-hidden-build', true))
  await expect(page.getByRole('heading', { level: 2, name: 'producer-hidden-build' })).toBeVisible()
  await expect(bob).toContainText('Boots it by ID; not listed')
  await bob.getByRole('button', { name: /^Explain what project/ }).click()
  await expect(verdict('Sees it in its default image list')).toContainText('(os_hidden)')
  await expect(verdict('Sees it among the images shared with it')).toContainText('(os_hidden)')
})

test('an image no region holds is said to be missing, in words', async ({ page }) => {
  await openInspect(page)
  await lookUp(page, '00000000-0000-4000-8000-000000000000')
  await expect(
    page.getByRole('alert').or(page.getByRole('status')).filter({ hasText: 'No such image' }),
  ).toBeVisible()
})

test('users without the admin role have no Inspect link and are refused at its URL', async ({
  page,
}) => {
  await signInAndWait(page, 'alice')
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inspect' }),
  ).toHaveCount(0)
  await page.goto('/inspect')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not allowed')
  await expect(page.getByText('Inspect is for cloud administrators')).toBeVisible()
  await expect(page.getByRole('textbox', { name: 'Image ID' })).toHaveCount(0)
})
