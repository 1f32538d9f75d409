import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ESLint } from 'eslint'

/**
 * The import boundaries of eslint.config.js (docs/architecture.md, "What may import what") fire:
 * each snippet is linted in memory as if it were the named file, with the project's own config.
 * Only the import rules run, and without type information, so no snippet needs to exist on disk
 * or in a tsconfig. The cycles close through real files: a snippet's import leads to a file whose
 * own imports lead back to the snippet's path.
 */
// resolve() drops the trailing slash: with it in ESLint's cwd, `~/` paths resolve to nothing and every
// zone passes.
const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const eslint = new ESLint({
  cwd: root,
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId.startsWith('import-x/') || ruleId === 'no-restricted-imports',
})

async function problems(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`)
}

// A cycle check parses every file the snippet reaches: on a busy two-core machine, seconds.
describe('import boundaries', { timeout: 30_000 }, () => {
  // Loading the config and its plugins takes seconds on a busy machine; the lints after are quick.
  beforeAll(() => eslint.lintText('', { filePath: 'src/util/snippet.ts' }), 60_000)

  it('keeps ui primitives away from api', async () => {
    expect(await problems('src/ui/snippet.tsx', "export { ApiError } from '~/api/http'")).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*ui primitives hold no data/),
    ])
  })

  it('keeps routing and server state out of ui primitives', async () => {
    expect(await problems('src/ui/snippet.tsx', "export { Link } from 'react-router'")).toEqual([
      expect.stringMatching(/^no-restricted-imports: .*ui primitives hold no data/),
    ])
  })

  it('keeps api below components', async () => {
    const found = await problems(
      'src/api/snippet.ts',
      "export { QueryError } from '~/components/query-error'",
    )
    expect(found).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*api is below session/),
    ])
  })

  it('lets session build on api, and refuses api importing session: the cycle they made', async () => {
    expect(
      await problems('src/session/snippet.ts', "export { glanceTarget } from '~/api/scope'"),
    ).toEqual([])
    // session.ts imports ~/api/http, so http.ts importing the session closes a loop.
    const found = await problems(
      'src/api/http.ts',
      "import { requireSession } from '~/session/session'\nexport const current = requireSession",
    )
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^import-x\/no-restricted-paths: .*api is below session/),
        expect.stringMatching(/^import-x\/no-cycle: /),
      ]),
    )
  })

  it('refuses a cycle between two files of one folder', async () => {
    // runtime.ts imports ./config: config.ts importing runtime makes the two a loop.
    const found = await problems(
      'src/config/config.ts',
      "import { getRuntime } from './runtime'\nexport const runtime = getRuntime",
    )
    expect(found).toEqual([expect.stringMatching(/^import-x\/no-cycle: /)])
  })

  it('keeps mocks out of src, except in tests', async () => {
    const code = "export { db } from '~mocks/db'"
    expect(await problems('src/components/snippet.tsx', code)).toEqual([
      expect.stringMatching(/^import-x\/no-restricted-paths: .*src must not import mocks/),
    ])
    expect(await problems('src/components/snippet.test.tsx', code)).toEqual([])
  })

  it('keeps the server off the panel', async () => {
    expect(
      await problems('server/snippet.ts', "export { ApiError } from '../src/api/http.ts'"),
    ).toEqual([expect.stringMatching(/^import-x\/no-restricted-paths: .*the server shares only/)])
  })

  it('lets a layer import the layers below it', async () => {
    const code = [
      "export { QueryError } from '~/components/query-error'",
      "export { Button } from '~/ui/button'",
      "export { useSession } from '~/session/session'",
      "export { membersQuery } from '~/api/queries'",
      "export { formatBytes } from '~/util/format'",
    ].join('\n')
    expect(await problems('src/pages/snippet/index.tsx', code)).toEqual([])
  })
})
