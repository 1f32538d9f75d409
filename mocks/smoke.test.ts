import { glance, listImages, tokenFor } from '~mocks/test-helpers'
import { seedImageId } from '~mocks/seed'

test('smoke', async () => {
  const t = await tokenFor('bob')
  const list = await listImages(t)
  console.log(list.images.map((i) => i.name), list.next, list.first)
  const r = await glance(t, `/images/${seedImageId('pendingForBob')}/members`)
  console.log(r.status, await r.text())
  const r2 = await glance(t, `/images/${seedImageId('pendingForBob')}/members/not%20a%20project!`)
  console.log(r2.status, await r2.text())
})
