import { render, screen } from '@testing-library/react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { RouterButtonLink, RouterTextLink } from '~/components/router-links'
import { TextLink } from '~/ui/text-link'

function renderInRouter(ui: React.ReactElement) {
  const router = createMemoryRouter([{ path: '*', element: ui }])
  render(<RouterProvider router={router} />)
}

describe('links styled by src/ui', () => {
  it('a text link keeps its href and name, a router text link too', () => {
    renderInRouter(
      <p>
        <TextLink href="/images">Saved Images</TextLink>{' '}
        <RouterTextLink underline="hover" to="/review">
          Review
        </RouterTextLink>
      </p>,
    )
    expect(screen.getByRole('link', { name: 'Saved Images' })).toHaveAttribute('href', '/images')
    const child = screen.getByRole('link', { name: 'Review' })
    expect(child).toHaveAttribute('href', '/review')
    expect(child).toHaveAttribute('data-slot', 'text-link')
    expect(child).toHaveClass('hover:underline')
  })

  it('a router link can look like a button', () => {
    renderInRouter(
      <RouterButtonLink variant="secondary" to="/images">
        All images
      </RouterButtonLink>,
    )
    const link = screen.getByRole('link', { name: 'All images' })
    expect(link).toHaveAttribute('href', '/images')
    expect(link).toHaveAttribute('data-slot', 'button')
    expect(link).not.toHaveAttribute('type')
  })
})
