/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** 'false' in a cloud build, which then carries no mock code. */
  readonly VITE_DEMO?: string
}
