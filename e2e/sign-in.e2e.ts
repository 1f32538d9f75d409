import { demoControl, expect, expectAccessible, signIn, signInAndWait, test } from './fixtures'

test('the sign-in page lists the demo users and is accessible', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveURL(/\/sign-in/)
  await expect(page.getByRole('heading', { name: 'Demo cloud users' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'alice-demo' })).toBeVisible()
  await expectAccessible(page)

  await page.getByRole('button', { name: 'Fill in bob' }).click()
  await expect(page.getByLabel('User name')).toHaveValue('bob')
  await expect(page.getByLabel('Password')).toHaveValue('bob-demo')
})

for (const user of ['alice', 'bob', 'rita', 'admin']) {
  test(`${user} signs in and sees Saved Images`, async ({ page }) => {
    await signInAndWait(page, user)
    await expect(page.getByRole('button', { name: `User menu for ${user}` })).toBeVisible()
    await expect(
      page.getByRole('table', { name: 'Saved Images' }).getByRole('row').nth(1),
    ).toBeVisible()
    await expectAccessible(page)
  })
}

test('carol, with two projects, chooses one after an unscoped sign-in', async ({ page }) => {
  await signIn(page, 'carol')
  await expect(page.getByRole('heading', { name: 'Choose a project' })).toBeVisible()
  await expectAccessible(page)
  await page.getByRole('button', { name: 'consumer-b' }).click()
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  await expect(page.getByLabel('Project', { exact: true })).toHaveValue(/.+/)
  await expect(page.getByLabel('Project', { exact: true }).locator('option:checked')).toHaveText(
    'consumer-b',
  )
})

test('a project named in the form scopes the sign-in directly', async ({ page }) => {
  await signIn(page, 'carol', { project: 'producer' })
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  await expect(page.getByLabel('Project', { exact: true }).locator('option:checked')).toHaveText(
    'producer',
  )
})

test('a wrong password says so and keeps what was typed', async ({ page }) => {
  await signIn(page, 'alice', { password: 'not-her-password' })
  const alert = page.getByRole('alert').filter({ hasText: 'Sign-in failed' })
  await expect(alert).toContainText('user name, password or domain is not right')
  await expect(page.getByLabel('User name')).toHaveValue('alice')
  await expect(page.getByLabel('Password')).toHaveValue('not-her-password')
  await expectAccessible(page)
})

test('a project the user may not use has its own message', async ({ page }) => {
  await signIn(page, 'bob', { project: 'producer' })
  await expect(page.getByRole('alert').filter({ hasText: 'Sign-in failed' })).toContainText(
    'no access to a project named “producer”',
  )
  await expect(page.getByLabel('Project', { exact: true })).toHaveValue('producer')
})

test('a disabled account is refused', async ({ page }) => {
  await signIn(page, 'dave')
  await expect(page.getByRole('alert').filter({ hasText: 'Sign-in failed' })).toContainText(
    /disabled/i,
  )
})

test('a deep link survives sign-in', async ({ page }) => {
  await page.goto('/images?from=link')
  await expect(page).toHaveURL(/\/sign-in\?next=/)
  await signIn(page, 'alice', { goto: false })
  await expect(page).toHaveURL(/\/images\?from=link$/)
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
})

test('an expired token sends the user to sign in and back where they were', async ({ page }) => {
  await signInAndWait(page, 'alice')
  const first = page.getByRole('table', { name: 'Saved Images' }).getByRole('link').first()
  await first.click()
  await expect(page).toHaveURL(/\/images\/[0-9a-f-]{36}/)
  await expect(page.getByRole('button', { name: 'Copy image ID' })).toBeVisible()
  const detailUrl = page.url()

  await demoControl(page, 'expire-tokens')
  await page.reload()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Your session has expired' }),
  ).toBeVisible()
  await expectAccessible(page)
  await signIn(page, 'alice', { goto: false })
  await expect(page).toHaveURL(detailUrl)
})

test('signing out revokes the session', async ({ page }) => {
  await signInAndWait(page, 'bob')
  await page.getByRole('button', { name: 'User menu for bob' }).click()
  await expectAccessible(page)
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page.getByText('You have signed out.')).toBeVisible()
  await page.goto('/images')
  await expect(page).toHaveURL(/\/sign-in/)
})
