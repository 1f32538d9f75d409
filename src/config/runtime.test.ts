import { http, HttpResponse } from 'msw'
import { server } from '~mocks/node'
import { ConfigError, initRuntime, loadConfig } from './runtime'

const url = 'http://panel.test/config.json'

describe('loadConfig', () => {
  it('reads a cloud configuration with defaults filled in', async () => {
    server.use(
      http.get(url, () => HttpResponse.json({ mode: 'cloud', authUrl: 'https://k.example/v3/' })),
    )
    const config = await loadConfig(url)
    expect(config).toEqual({
      mode: 'cloud',
      authUrl: 'https://k.example/v3/',
      defaultDomain: 'Default',
    })
    expect(initRuntime(config).authUrl).toBe('https://k.example/v3')
  })

  it('says the file is missing', async () => {
    server.use(http.get(url, () => new HttpResponse('nope', { status: 404 })))
    await expect(loadConfig(url)).rejects.toThrow(/could not be loaded: the server answered 404/)
  })

  it('says the file is not JSON', async () => {
    server.use(http.get(url, () => HttpResponse.text('{ mode: demo')))
    await expect(loadConfig(url)).rejects.toThrow(/is not valid JSON/)
  })

  it('names the field that is wrong', async () => {
    server.use(http.get(url, () => HttpResponse.json({ mode: 'cloud' })))
    const error = await loadConfig(url).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).message).toMatch(/authUrl/)
  })

  it('says the server did not answer', async () => {
    server.use(http.get(url, () => HttpResponse.error()))
    await expect(loadConfig(url)).rejects.toThrow(/the server did not answer/)
  })
})
