/** Shown when public/config.json is missing, malformed or unreachable: the app cannot start without it. */
export function ConfigErrorPage({ message }: { message: string }) {
  return (
    <main className="mx-auto mt-24 max-w-xl rounded-lg border border-red-200 bg-white p-8 shadow-sm">
      <h1 className="text-xl font-semibold text-red-800">The panel could not start</h1>
      <p className="mt-4 whitespace-pre-wrap text-gray-800">{message}</p>
      <p className="mt-4 text-sm text-gray-700">
        The panel reads its settings from <code>config.json</code> next to <code>index.html</code>.
        See the README for its fields, then reload this page.
      </p>
    </main>
  )
}
