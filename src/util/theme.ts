/**
 * The colour theme: the system's setting unless the user chose Light or Dark in the user menu.
 * The choice is this browser's, kept in localStorage across reloads and followed by every tab;
 * src/index.css does the rest through html's color-scheme.
 */
export const themeChoices = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof themeChoices)[number]

const STORAGE_KEY = 'isp-theme'

const isChoice = (value: unknown): value is ThemeChoice =>
  themeChoices.some((choice) => choice === value)

export function storedTheme(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return isChoice(value) ? value : 'system'
  } catch {
    // Storage refused (a locked-down browser): the system's setting.
    return 'system'
  }
}

function applyTheme(choice: ThemeChoice) {
  const root = document.documentElement
  if (choice === 'system') delete root.dataset.theme
  else root.dataset.theme = choice
}

export function chooseTheme(choice: ThemeChoice) {
  try {
    if (choice === 'system') localStorage.removeItem(STORAGE_KEY)
    else localStorage.setItem(STORAGE_KEY, choice)
  } catch {
    // Not kept, but this page still follows the choice.
  }
  applyTheme(choice)
}

/** Applies the stored choice now, before the first render, and follows other tabs' choices. */
export function startTheme() {
  applyTheme(storedTheme())
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY || event.key === null) applyTheme(storedTheme())
  })
}
