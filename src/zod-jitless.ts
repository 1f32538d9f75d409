import { z } from 'zod'

// The panel runs under a Content-Security-Policy without 'unsafe-eval'. zod compiles object
// parsers with `new Function` (and probes for it) when a schema is built, so this must run before
// any schema exists: main.tsx imports this module first.
z.config({ jitless: true })
