import { config } from 'zod/mini'
import { en } from 'zod/locales'

// Runs before any schema exists (main.tsx imports this module first). The panel's schemas use
// zod/mini, which is a fraction of classic zod's bytes on the way to the first rows but loads no
// locale of its own: English gives failures the words classic zod gave ("expected string, received
// number"), which ApiError shows. `jitless`: the panel runs under a Content-Security-Policy without
// 'unsafe-eval', and classic zod (the demo cloud's mocks use it) compiles object parsers with
// `new Function` and probes for it; the setting is global, so it holds for them too.
config({ ...en(), jitless: true })
