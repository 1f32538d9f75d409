import { useEffect, useState } from 'react'
import type { DemoHooks, DemoUser } from '~/config/runtime'
import { Button } from '~/ui/button'
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '~/ui/table'

/** What a "Fill in" button puts in the form. */
export type DemoPick =
  | { kind: 'password'; name: string; password: string }
  | { kind: 'totp'; name: string; passcode: string }
  | { kind: 'credential'; id: string; secret: string }

/** Codes change every 30 s: asking every few seconds shows the new one soon after it starts. */
const CODE_REFRESH_MS = 3_000

/** The demo authenticator's code now, kept current; null until the first one is read. */
function useCurrentCode(code: (() => Promise<string>) | undefined) {
  const [value, setValue] = useState<string | null>(null)
  useEffect(() => {
    if (!code) return
    let live = true
    const read = () => {
      code().then(
        (c) => {
          if (live) setValue(c)
        },
        () => undefined,
      )
    }
    read()
    const timer = setInterval(read, CODE_REFRESH_MS)
    return () => {
      live = false
      clearInterval(timer)
    }
  }, [code])
  return value
}

function FillIn({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <Button size="sm" variant="secondary" onClick={onClick} aria-label={`Fill in ${name}`}>
      Fill in
    </Button>
  )
}

/** The demo cloud's users, each with a button that fills the form in. */
export function DemoUsers({
  demo,
  onPick,
}: {
  demo: Pick<DemoHooks, 'users' | 'mfa' | 'totpOnly' | 'applicationCredential'>
  onPick: (pick: DemoPick) => void
}) {
  const { users, mfa, totpOnly, applicationCredential: credential } = demo
  const mfaCode = useCurrentCode(mfa?.code)
  const totpCode = useCurrentCode(totpOnly?.code)
  const pickUser = (u: Pick<DemoUser, 'name' | 'password'>) => {
    onPick({ kind: 'password', name: u.name, password: u.password })
  }

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
                <FillIn name={u.name} onClick={() => pickUser(u)} />
              </TableCell>
            </TableRow>
          ))}
          {mfa && (
            <TableRow>
              <TableCell className="font-mono">{mfa.name}</TableCell>
              <TableCell>
                <span className="block font-mono whitespace-nowrap">{mfa.password}</span>
                <span className="block text-gray-700">
                  then passcode <Code value={mfaCode} />
                </span>
              </TableCell>
              <TableCell className="text-gray-700">
                Multi-factor: the password, then the passcode (a new one every 30 seconds)
              </TableCell>
              <TableCell className="text-right">
                <FillIn name={mfa.name} onClick={() => pickUser(mfa)} />
              </TableCell>
            </TableRow>
          )}
          {totpOnly && (
            <TableRow>
              <TableCell className="font-mono">{totpOnly.name}</TableCell>
              <TableCell>
                <span className="block text-gray-700">
                  none: passcode <Code value={totpCode} />
                </span>
              </TableCell>
              <TableCell className="text-gray-700">
                Signs in with the passcode alone (a new one every 30 seconds)
              </TableCell>
              <TableCell className="text-right">
                <FillIn
                  name={totpOnly.name}
                  onClick={() => {
                    onPick({ kind: 'totp', name: totpOnly.name, passcode: totpCode ?? '' })
                  }}
                />
              </TableCell>
            </TableRow>
          )}
        </TableBody>
      </Table>
      {credential && (
        <div className="mt-4 flex flex-wrap items-start justify-between gap-3 rounded-md border border-gray-200 bg-white p-4 text-sm">
          <div className="min-w-0 flex-1 basis-60">
            <h3 className="font-semibold">Demo application credential</h3>
            <p className="mt-1 text-gray-700">
              “{credential.name}” of {credential.user} (domain {credential.domain}): signs in to its
              project only.
            </p>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
              <dt className="text-gray-700">ID</dt>
              <dd className="font-mono break-all">{credential.id}</dd>
              <dt className="text-gray-700">Secret</dt>
              <dd className="font-mono break-all">{credential.secret}</dd>
            </dl>
          </div>
          <FillIn
            name={`application credential ${credential.name}`}
            onClick={() => {
              onPick({ kind: 'credential', id: credential.id, secret: credential.secret })
            }}
          />
        </div>
      )}
    </section>
  )
}

function Code({ value }: { value: string | null }) {
  return <span className="font-mono text-gray-900">{value ?? '…'}</span>
}
