import type { Image } from './schemas'
import { NOTE_MAX, shareNoteOf, shareNotePatch, shareNoteProblem } from './share-note'

const image = (props: Record<string, string> = {}) =>
  ({ id: 'i', owner: 'o', visibility: 'shared', ...props }) as unknown as Image

describe('the producer’s words on an image', () => {
  it('reads them from the extra properties, empty where none', () => {
    expect(shareNoteOf(image())).toEqual({ sharedBy: '', note: '' })
    expect(
      shareNoteOf(image({ sharing_panel_shared_by: 'Build farm', sharing_panel_note: 'Hi' })),
    ).toEqual({ sharedBy: 'Build farm', note: 'Hi' })
  })

  it('patches only what changes: add to set, remove only what the image has', () => {
    expect(shareNotePatch(image(), { sharedBy: '  Build   farm ', note: '' })).toEqual([
      { op: 'add', path: '/sharing_panel_shared_by', value: 'Build farm' },
    ])
    const said = image({ sharing_panel_shared_by: 'Build farm', sharing_panel_note: 'Hi' })
    expect(shareNotePatch(said, { sharedBy: 'Build farm', note: 'Hi' })).toEqual([])
    expect(shareNotePatch(said, { sharedBy: 'Build farm', note: ' ' })).toEqual([
      { op: 'remove', path: '/sharing_panel_note' },
    ])
  })

  it('refuses a note over the panel’s limit, saying how long it is', () => {
    expect(shareNoteProblem({ sharedBy: 'x', note: 'n'.repeat(NOTE_MAX) })).toBeUndefined()
    expect(shareNoteProblem({ sharedBy: 'x', note: 'n'.repeat(NOTE_MAX + 1) })).toBe(
      `The note can have at most ${NOTE_MAX} characters (it has ${NOTE_MAX + 1}).`,
    )
  })
})
