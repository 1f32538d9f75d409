import type { Page } from '@playwright/test'
import { expect, signInAndWait, test } from './fixtures'

/**
 * How dark the page's background is: its lightness, 0 (black) to 255 (white). Polled: Chromium
 * applies an emulated colour scheme a moment after emulateMedia returns.
 */
const backgroundLightness = (page: Page) =>
  page.evaluate(() => {
    // Chromium gives oklch() back for Tailwind's colours; a canvas turns any colour into sRGB.
    const canvas = document.createElement('canvas').getContext('2d')
    if (!canvas) return -1
    canvas.fillStyle = getComputedStyle(document.body).backgroundColor
    canvas.fillRect(0, 0, 1, 1)
    const [r = 0, g = 0, b = 0] = canvas.getImageData(0, 0, 1, 1).data
    return Math.round((r + g + b) / 3)
  })

async function chooseTheme(page: Page, theme: 'System' | 'Light' | 'Dark') {
  await page.getByRole('button', { name: /^User menu for / }).click()
  const group = page.getByRole('group', { name: 'Theme' })
  await group.getByRole('menuitemradio', { name: theme }).click()
  await expect(group.getByRole('menuitemradio', { name: theme })).toBeChecked()
  await page.keyboard.press('Escape')
}

test('the panel follows the system’s colour scheme until the user menu sets one', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await signInAndWait(page, 'alice')
  await expect.poll(() => backgroundLightness(page)).toBeLessThan(60)
  await page.emulateMedia({ colorScheme: 'light' })
  await expect.poll(() => backgroundLightness(page)).toBeGreaterThan(200)

  // Dark, whatever the system says, and still dark after a reload.
  await chooseTheme(page, 'Dark')
  await expect.poll(() => backgroundLightness(page)).toBeLessThan(60)
  await page.reload()
  await expect(page.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  await expect.poll(() => backgroundLightness(page)).toBeLessThan(60)

  // Light under a dark system, and back to following the system.
  await page.emulateMedia({ colorScheme: 'dark' })
  await chooseTheme(page, 'Light')
  await expect.poll(() => backgroundLightness(page)).toBeGreaterThan(200)
  await chooseTheme(page, 'System')
  await expect.poll(() => backgroundLightness(page)).toBeLessThan(60)
})

test('a theme chosen in one tab is followed by the others', async ({ page, context }) => {
  await signInAndWait(page, 'alice')
  const other = await context.newPage()
  await other.goto('/images')
  await expect(other.getByRole('heading', { name: 'Saved Images' })).toBeVisible()
  await chooseTheme(page, 'Dark')
  await expect.poll(() => backgroundLightness(other)).toBeLessThan(60)
})
