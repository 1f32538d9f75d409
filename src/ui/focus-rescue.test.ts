import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startFocusRescue } from '~/ui/focus-rescue'

const settle = () => new Promise((resolve) => setTimeout(resolve, 10))

describe('focus rescue', () => {
  beforeAll(() => {
    startFocusRescue()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  function table() {
    document.body.innerHTML = `
      <main><section><h2>Members</h2><table><tbody>
        <tr><td>a</td><td><button>Remove a</button></td></tr>
        <tr><td>b</td><td><button>Re-share b</button><button>Remove b</button></td></tr>
        <tr><td>c</td><td><button>Remove c</button></td></tr>
      </tbody></table></section></main>`
    const button = (name: string) =>
      [...document.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLElement
    return { button, rows: () => [...document.querySelectorAll('tr')] }
  }

  it('moves focus to the row that took the removed row’s place', async () => {
    const { button, rows } = table()
    button('Remove b').focus()
    rows()[1]?.remove()
    await settle()
    expect(document.activeElement).toBe(button('Remove c'))
  })

  it('falls back to the row before when the last row goes', async () => {
    const { button, rows } = table()
    button('Remove c').focus()
    rows()[2]?.remove()
    await settle()
    expect(document.activeElement).toBe(button('Remove b'))
  })

  // A button disabled while focused is e2e's to check: jsdom keeps focus on it, Chromium does not.
  it('stays in the row when only the focused button goes', async () => {
    const { button } = table()
    button('Re-share b').focus()
    button('Re-share b').remove()
    await settle()
    expect(document.activeElement).toBe(button('Remove b'))
  })

  it('after a dialog closes, moves on from the control that opened it if that went too', async () => {
    const { button, rows } = table()
    button('Remove b').focus()
    const dialog = document.createElement('div')
    dialog.setAttribute('role', 'alertdialog')
    dialog.innerHTML = '<button>Confirm</button>'
    document.body.append(dialog)
    dialog.querySelector('button')?.focus()
    dialog.remove()
    rows()[1]?.remove()
    await settle()
    expect(document.activeElement).toBe(button('Remove c'))
  })

  it('leaves focus to a menu or dialog that is opening', async () => {
    const { button, rows } = table()
    button('Remove b').focus()
    const menu = document.createElement('div')
    menu.setAttribute('role', 'menu')
    document.body.append(menu)
    rows()[1]?.remove()
    await settle()
    expect(document.activeElement).toBe(document.body)
  })

  it('leaves focus alone when the user put it on the page itself', async () => {
    const { button } = table()
    button('Remove a').focus()
    button('Remove a').blur()
    document.querySelector('h2')?.append(' (3)')
    await settle()
    expect(document.activeElement).toBe(document.body)
  })
})
