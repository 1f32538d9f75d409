import { existsSync } from 'node:fs'
import { cloudFile } from '../../scripts/cloud/state.ts'

if (!existsSync(cloudFile())) {
  throw new Error(
    'No local cloud: run `npm run cloud:up` first (or `npm run test:cloud`, which does).',
  )
}
