import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Image } from '~/api/schemas'
import { NOTE_MAX, SHARED_BY_MAX, SHOW_ALL_MAX } from '~/api/share-note'
import { ProducerWords } from './producer-words'

const image = (props: Record<string, string>) =>
  ({ id: 'i', owner: 'o', visibility: 'shared', ...props }) as unknown as Image

const RLO = '\u202E'

describe("the producer's words", () => {
  it('are isolated and lose the controls that reorder text', () => {
    // Shown as is, an override makes "lanoitaN kcoR" read "Rock National", and carries the
    // words after it backwards too.
    const { container } = render(
      <ProducerWords
        image={image({
          sharing_panel_shared_by: `${RLO}lanoitaN kcoR\u202C`,
          sharing_panel_note: `Ask\u2067 #builds\u2069 \u202Dplease`,
        })}
      />,
    )
    const text = container.textContent
    expect(text).toBe(
      'Shared by “lanoitaN kcoR” (the producer’s own words)Note: “Ask #builds please”',
    )
    expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/)
    const isolated = Array.from(container.querySelectorAll('bdi'), (b) => b.textContent)
    expect(isolated).toEqual(['lanoitaN kcoR', 'Ask #builds please'])
  })

  it('are cut at the panel’s own limits, and Show all shows the rest', async () => {
    const user = userEvent.setup()
    const name = `${'n'.repeat(SHARED_BY_MAX)}END`
    const { container } = render(
      <ProducerWords
        image={image({ sharing_panel_shared_by: name, sharing_panel_note: 'short' })}
      />,
    )
    const [byWords] = Array.from(container.querySelectorAll('bdi'))
    expect(byWords?.textContent).toBe(`${'n'.repeat(SHARED_BY_MAX)}…`)
    // A note within its limit has nothing more to show.
    expect(screen.queryByRole('button', { name: 'Show all of the note' })).toBeNull()
    const more = screen.getByRole('button', { name: 'Show all of Shared by' })
    expect(more).toHaveAttribute('aria-expanded', 'false')
    await user.click(more)
    expect(byWords?.textContent).toBe(name)
    await user.click(screen.getByRole('button', { name: 'Show less of Shared by' }))
    expect(byWords?.textContent).toBe(`${'n'.repeat(SHARED_BY_MAX)}…`)
  })

  it('never render a megabyte, even when asked for all of it', async () => {
    const user = userEvent.setup()
    const huge = 'x'.repeat(1_000_000)
    const { container } = render(<ProducerWords image={image({ sharing_panel_note: huge })} />)
    expect(container.textContent.length).toBeLessThan(NOTE_MAX + 100)
    await user.click(screen.getByRole('button', { name: 'Show all of the note' }))
    expect(container.textContent.length).toBeLessThan(SHOW_ALL_MAX + 200)
    expect(
      screen.getByText(
        `The other ${String(1_000_000 - SHOW_ALL_MAX)} characters are not shown: far more than the panel ever writes.`,
      ),
    ).toBeVisible()
  })

  it('never cut a character in two', () => {
    const note = `${'a'.repeat(NOTE_MAX - 1)}😀 and more`
    const { container } = render(<ProducerWords image={image({ sharing_panel_note: note })} />)
    expect(container.querySelector('bdi')?.textContent).toBe(`${'a'.repeat(NOTE_MAX - 1)}…`)
  })
})
