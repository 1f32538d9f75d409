import { afterAll, expect } from 'vitest'
import { createImage, deleteImage, type NewImage } from '~/api/glance'
import { ApiError } from '~/api/http'
import type { Image } from '~/api/schemas'
import type { Actor } from './target'

/** A name and tag unique to this run, so a real cloud's leftovers never match. */
export const run = `contract-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`

const created: { actor: Actor; region: string; id: string }[] = []

export async function newImage(actor: Actor, image: Partial<NewImage> = {}, region = 'RegionOne') {
  const made: Image = await createImage(actor.glance(region), {
    name: `${run}-${created.length}`,
    disk_format: 'qcow2',
    container_format: 'bare',
    tags: [run],
    ...image,
  })
  created.push({ actor, region, id: made.id })
  return made
}

afterAll(async () => {
  for (const { actor, region, id } of created.reverse()) {
    await deleteImage(actor.glance(region), id).catch(() => undefined)
  }
})

/** The error a call fails with, as the panel would show it. */
export async function failure(p: Promise<unknown>): Promise<{ status: number; message: string }> {
  try {
    await p
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, message: e.message }
    throw e
  }
  throw new Error('expected the call to fail')
}

/** Glance's timestamps: seconds, UTC, no fraction (glance/common/timeutils.py::isotime). */
export const glanceTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

export const ids = (images: { id: string }[]) => images.map((i) => i.id)

export { expect }
