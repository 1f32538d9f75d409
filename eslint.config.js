import js from '@eslint/js'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/**
 * The layers of docs/architecture.md ("What may import what"), lowest first: config and util; ui;
 * api; session; components; pages; app. A layer imports only layers below it. Folders, not files,
 * so a folder split into subfolders (src/pages/<screen>/…) stays in its layer.
 * `root` is the repository; scripts/boundaries.test.ts lints snippets with this alone.
 */
export function boundaries(root) {
  const src = (...dirs) => dirs.map((d) => `src/${d}`)
  const zones = [
    {
      target: src('config', 'util'),
      from: src('ui', 'api', 'session', 'components', 'pages', 'app'),
      message: 'config and util are the lowest layer.',
    },
    {
      target: 'src/ui',
      from: src('config', 'api', 'session', 'components', 'pages', 'app'),
      message: 'ui primitives hold no data or routing.',
    },
    {
      target: 'src/api',
      from: src('session', 'ui', 'components', 'pages', 'app'),
      message:
        'api is below session and the screens: it takes a Session as a value (src/api/scope.ts).',
    },
    {
      target: 'src/session',
      from: src('ui', 'components', 'pages', 'app'),
      message: 'session builds on api and config only.',
    },
    { target: 'src/components', from: src('pages', 'app'), message: 'components sit below pages.' },
    { target: 'src/pages', from: src('app'), message: 'pages sit below app (routes, loaders).' },
    {
      // main.tsx loads the demo cloud with a dynamic import() in demo mode only.
      target: 'src',
      from: 'mocks',
      message: 'src must not import mocks (only main.tsx, dynamically, and tests).',
    },
    {
      target: 'mocks',
      from: src('session', 'ui', 'components', 'pages', 'app'),
      message: 'the demo cloud shares rules and schemas with src/api, nothing with React in it.',
    },
    {
      target: 'e2e',
      from: src('session', 'ui', 'components', 'pages', 'app'),
      message: 'e2e drives the panel through the browser, not its modules.',
    },
    {
      // The production server is built from server/ alone and runs without Vite; the one module
      // it shares is the dependency-free catalog lookup.
      target: 'server',
      from: ['src', 'mocks'],
      except: ['./api/catalog.ts', './api/schemas.ts', './api/session-flow.ts'],
      message:
        'the server shares only src/api/catalog.ts, schemas.ts and session-flow.ts with the panel.',
    },
  ]
  return [
    {
      files: ['{src,mocks,server,e2e}/**/*.{ts,tsx}'],
      plugins: { 'import-x': importX },
      settings: {
        // Without it import-x reads only .js files, and no-cycle would pass every TypeScript cycle.
        'import-x/extensions': ['.ts', '.tsx'],
        'import-x/resolver-next': [
          createTypeScriptImportResolver({
            project: [`${root}/tsconfig.app.json`, `${root}/tsconfig.node.json`],
            noWarnOnMultipleProjects: true,
          }),
        ],
      },
      rules: { 'import-x/no-restricted-paths': ['error', { basePath: root, zones }] },
    },
    {
      // A test may assemble the layers above the one it tests, as the app does (a page's test runs
      // its route loader, an api test signs in), and may use the demo cloud. main.tsx is the top.
      files: [
        '{src,mocks,server}/**/*.test.{ts,tsx}',
        'src/test-setup.ts',
        'src/test-render.tsx',
        'src/main.tsx',
        'server/test-support.ts',
      ],
      rules: { 'import-x/no-restricted-paths': 'off' },
    },
    {
      // Paths are checked above; these are packages.
      files: ['src/ui/**/*.{ts,tsx}'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: ['react-router', '@tanstack/*'],
                message: 'ui primitives hold no data or routing',
              },
            ],
          },
        ],
      },
    },
    {
      // Type-only imports are not followed (they vanish at build); a value cycle is a bug waiting
      // for an import order.
      files: ['{src,mocks}/**/*.{ts,tsx}'],
      rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
    },
  ]
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-cloud',
      'dist-cloud-sourcemaps',
      'dist-e2e',
      'dist-server',
      'public/mockServiceWorker.js',
      'playwright-report',
      'test-results',
    ],
  },
  {
    extends: [js.configs.recommended, ...tseslint.configs.strictTypeChecked],
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  ...boundaries(import.meta.dirname),
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },
)
