import { existsSync } from 'node:fs'

if (!existsSync('.cloud/cloud.json')) {
  throw new Error(
    'No local cloud: run `npm run cloud:up` first (or `npm run test:cloud`, which does).',
  )
}
