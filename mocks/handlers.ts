import { controlHandlers } from '~mocks/control'
import { glanceHandlers } from '~mocks/glance/handlers'
import { keystoneHandlers } from '~mocks/keystone'
import { panelServerHandlers } from '~mocks/panel-server'

/**
 * The whole demo cloud, for setupWorker (browser, e2e) and setupServer (Vitest): Keystone and
 * Glance, and the panel's own server in front of them (sessions and the proxy).
 */
export const handlers = [
  ...panelServerHandlers,
  ...keystoneHandlers,
  ...glanceHandlers,
  ...controlHandlers,
]
