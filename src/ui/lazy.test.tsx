import { act, render, screen } from '@testing-library/react'
import { Suspense } from 'react'
import { lazyWithPreload } from '~/ui/lazy'

const Greeting = ({ name }: { name: string }) => <p>Hello {name}</p>

describe('lazyWithPreload', () => {
  it('renders at once, without a fallback, once preloaded', async () => {
    const Lazy = lazyWithPreload(() => Promise.resolve({ default: Greeting }))
    await Lazy.preload()

    render(
      <Suspense fallback={<p>Loading</p>}>
        <Lazy name="Ada" />
      </Suspense>,
    )

    expect(screen.getByText('Hello Ada')).toBeInTheDocument()
    expect(screen.queryByText('Loading')).not.toBeInTheDocument()
  })

  it('suspends and then renders when not preloaded', async () => {
    const Lazy = lazyWithPreload(() => Promise.resolve({ default: Greeting }))
    render(
      <Suspense fallback={<p>Loading</p>}>
        <Lazy name="Grace" />
      </Suspense>,
    )
    expect(screen.getByText('Loading')).toBeInTheDocument()
    expect(await screen.findByText('Hello Grace')).toBeInTheDocument()
  })

  it('fetches once however often it is preloaded, and again after a failed fetch', async () => {
    const load = vi
      .fn<() => Promise<{ default: typeof Greeting }>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue({ default: Greeting })
    const Lazy = lazyWithPreload(load)

    await expect(Lazy.preload()).rejects.toThrow('Failed to fetch')
    await Promise.all([Lazy.preload(), Lazy.preload()])
    expect(load).toHaveBeenCalledTimes(2)

    await act(async () => {
      render(<Lazy name="Linus" />)
      await Promise.resolve()
    })
    expect(screen.getByText('Hello Linus')).toBeInTheDocument()
  })
})
