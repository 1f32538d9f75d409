import { describeError, failureOf, goneText } from '~/api/describe-error'
import { ApiError } from '~/api/http'

const glance = (status: number, message: string) => new ApiError({ status, message })
const imageId = '6f1b1c1e-0000-4000-8000-000000000001'

describe('failureOf', () => {
  it('a 404 answer means the share is gone; 4xx refusals and the rest differ', () => {
    expect(failureOf(404)).toBe('gone')
    expect(failureOf(403)).toBe('refused')
    expect(failureOf(400)).toBe('refused')
    expect(failureOf(503)).toBe('failed')
    expect(failureOf(0)).toBe('failed')
  })
})

describe('describeError', () => {
  it('a 404 says what is gone for the action, with Glance’s words where they help', () => {
    const notFound = glance(404, 'Image x not found.')
    expect(describeError(notFound, { action: 'answer-share' })).toBe(goneText)
    expect(describeError(notFound, { action: 'change-member' })).toBe(
      'Glance no longer finds this image or this member: the image may have been deleted or made private, or the member removed, meanwhile. (Image x not found.)',
    )
    expect(describeError(notFound, { action: 'manage-image', imageId })).toBe(
      `Glance no longer finds image ${imageId}: it may have been deleted or made private meanwhile. (Image x not found.)`,
    )
    expect(describeError(notFound, { action: 'open-image', imageId, project: 'demo' })).toBe(
      `No image with ID ${imageId} is visible to project demo in any region: it may not exist, or not be shared with this project.`,
    )
  })
  it.each([400, 403, 409])('a %i is Glance refusing, in its own words, for every action', (s) => {
    const refused = glance(s, 'Not allowed to delete members for image x.')
    for (const what of [{ action: 'answer-share' }, { action: 'change-member' }] as const) {
      expect(describeError(refused, what)).toBe(
        'Glance refused: Not allowed to delete members for image x.',
      )
    }
  })
  it('anything else keeps its message; a failed answer adds that it may be sent again', () => {
    const down = glance(503, 'The server is currently unavailable.')
    expect(describeError(down, { action: 'change-member' })).toBe(
      'The server is currently unavailable.',
    )
    expect(describeError(down, { action: 'answer-share' })).toBe(
      'The server is currently unavailable. Nothing changed; try again.',
    )
    expect(describeError(new TypeError('boom'), { action: 'answer-share' })).toBe(
      'TypeError: boom Nothing changed; try again.',
    )
  })
})
