import { render, screen } from '@testing-library/react'
import { MemberStatusBadge } from './member-status-badge'

it('says each status in words, not by colour alone', () => {
  render(
    <>
      <MemberStatusBadge status="pending" />
      <MemberStatusBadge status="accepted" />
      <MemberStatusBadge status="rejected" />
    </>,
  )
  expect(screen.getByText('Pending')).toBeVisible()
  expect(screen.getByText('Accepted')).toBeVisible()
  expect(screen.getByText('Rejected')).toBeVisible()
})
