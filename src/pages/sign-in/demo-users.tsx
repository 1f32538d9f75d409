import type { DemoUser } from '~/config/runtime'
import { Button } from '~/ui/button'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/ui/table'

/** The demo cloud's users, each with a button that fills the form in. */
export function DemoUsers({ users, onPick }: { users: DemoUser[]; onPick: (u: DemoUser) => void }) {
  return (
    <section aria-labelledby="demo-users" className="mt-8">
      <h2 id="demo-users" className="text-base font-semibold">
        Demo cloud users
      </h2>
      <p className="mt-1 text-sm text-gray-700">
        This panel runs on an embedded demo cloud in your browser: every tab shares its world, and
        one user is signed in at a time, as on a real cloud. Sign out to play another user.
      </p>
      <Table className="mt-3">
        <TableHeader>
          <TableRow>
            <TableHead>User</TableHead>
            <TableHead>Password</TableHead>
            <TableHead>Can</TableHead>
            <TableHead>
              <span className="sr-only">Fill in</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {users.map((u) => (
            <TableRow key={u.name}>
              <TableCell className="font-mono">{u.name}</TableCell>
              <TableCell className="font-mono whitespace-nowrap">{u.password}</TableCell>
              <TableCell className="text-gray-700">{u.description}</TableCell>
              <TableCell className="text-right">
                <Button
                  size="sm"
                  variant="secondary"
                  onClick={() => onPick(u)}
                  aria-label={`Fill in ${u.name}`}
                >
                  Fill in
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  )
}
