import { CopyButton } from '~/ui/copy-button'

/** One shell command to paste, with its copy button ("Copy <label>"). */
export function CliCommand({ command, label }: { command: string; label: string }) {
  return (
    <div className="flex items-start gap-2">
      <pre className="min-w-0 flex-1 rounded-md border border-gray-200 bg-gray-50 p-3 text-sm wrap-anywhere whitespace-pre-wrap">
        <code>{command}</code>
      </pre>
      <CopyButton value={command} label={label} />
    </div>
  )
}

export type CliStep = {
  /** What the command does, in a few words; also names its copy button. */
  what: string
  command: string
  /** A caution or an alternative, under the command. */
  note?: React.ReactNode
}

/** The same facts or acts with the openstack CLI, behind a disclosure, each copyable. */
export function CliCommands({
  steps,
  summary = 'Same with the openstack CLI',
}: {
  steps: readonly CliStep[]
  summary?: string
}) {
  return (
    <details className="mt-3 rounded-md border border-gray-200 bg-white p-3 text-sm">
      <summary className="cursor-pointer font-medium text-gray-900">{summary}</summary>
      <ul className="mt-3 space-y-3">
        {steps.map((step) => (
          <li key={step.command} className="space-y-1">
            <p className="text-gray-700">{step.what}</p>
            <CliCommand command={step.command} label={`command: ${step.what}`} />
            {step.note && <p className="text-gray-700">{step.note}</p>}
          </li>
        ))}
      </ul>
    </details>
  )
}
