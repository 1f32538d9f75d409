import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useId, useState, type ComponentProps } from 'react'
import { myProjectsQuery } from '~/api/queries'
import { ALL_REGIONS, regionsOf } from '~/api/scope'
import { setRegion, switchProject } from '~/session/session'
import { useCaller } from '~/session/use-caller'
import { NativeSelect } from '~/ui/select'
import { addToast } from '~/ui/toast-store'

/** The header's "Project" and "Region" pickers. */
export function HeaderPickers() {
  const { session } = useCaller()
  const projects = useQuery(myProjectsQuery(session))
  const queryClient = useQueryClient()
  const [switching, setSwitching] = useState(false)
  const regions = regionsOf(session)
  const current = session.project

  const options = projects.data ?? (current ? [{ id: current.id, name: current.name }] : [])

  async function onProject(projectId: string) {
    if (projectId === current?.id) return
    setSwitching(true)
    try {
      const next = await switchProject(projectId)
      addToast({
        title: `Switched to project ${next.project?.name ?? projectId}`,
        variant: 'success',
      })
    } catch (e) {
      addToast({
        title: 'Could not switch project',
        description: e instanceof Error ? e.message : String(e),
        variant: 'error',
      })
    } finally {
      setSwitching(false)
    }
    await queryClient.invalidateQueries({ queryKey: ['user'] })
  }

  return (
    <div className="flex flex-wrap items-center gap-4">
      <Picker
        label="Project"
        value={current?.id ?? ''}
        disabled={switching}
        aria-busy={switching}
        onChange={(e) => void onProject(e.target.value)}
      >
        {options.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Picker>
      <Picker label="Region" value={session.region} onChange={(e) => setRegion(e.target.value)}>
        {regions.length > 1 && <option value={ALL_REGIONS}>All regions</option>}
        {regions.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
        {regions.length === 0 && <option value={ALL_REGIONS}>No image service</option>}
      </Picker>
    </div>
  )
}

/** A header picker: a compact select with its label on the left. */
function Picker({ label, ...props }: ComponentProps<typeof NativeSelect> & { label: string }) {
  const id = useId()
  return (
    <>
      <label htmlFor={id} className="text-sm font-medium text-gray-700">
        {label}
      </label>
      <NativeSelect id={id} compact {...props} />
    </>
  )
}
