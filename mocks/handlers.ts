import { controlHandlers } from '~mocks/control'
import { glanceHandlers } from '~mocks/glance/handlers'
import { keystoneHandlers } from '~mocks/keystone'

/** The whole demo cloud, for setupWorker (browser, e2e) and setupServer (Vitest). */
export const handlers = [...keystoneHandlers, ...glanceHandlers, ...controlHandlers]
