import { useQuery } from '@tanstack/react-query'
import { useId, useState, type ComponentProps } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { paths } from '~/util/paths'
import { myProjectsQuery } from '~/api/queries'
import { ALL_REGIONS, regionsOf } from '~/api/scope'
import { setRegion, switchProject } from '~/session/session'
import { useCaller } from '~/session/use-caller'
import { NativeSelect } from '~/ui/select'
import { addToast } from '~/ui/toast-store'
import { cn, fieldBox, focusRing } from '~/ui/cn'
import { ChevronDownIcon } from '~/ui/icons'

/** The header's "Project" and "Region" pickers. */
export function HeaderPickers() {
  const { session } = useCaller()
  // An application credential's session cannot leave its project: no list to offer.
  const fixed = session.applicationCredential
  const projects = useQuery({ ...myProjectsQuery(session), enabled: !fixed })
  const location = useLocation()
  const navigate = useNavigate()
  const [switching, setSwitching] = useState(false)
  const [open, setOpen] = useState(false)
  const pickersId = useId()
  const regions = regionsOf(session)
  const current = session.project

  const options = projects.data ?? (current ? [{ id: current.id, name: current.name }] : [])

  async function onProject(projectId: string) {
    if (projectId === current?.id) return
    setSwitching(true)
    try {
      const next = await switchProject(projectId)
      const name = next.project?.name ?? projectId
      // An image page shows what the old project could see; the new one may not see it at all.
      const onImage = location.pathname.startsWith(`${paths.images()}/`)
      if (onImage) await navigate(paths.images())
      addToast({
        title: `Switched to project ${name}`,
        ...(onImage && {
          description: `Back on Saved Images: the image you had open was ${current?.name ?? 'the other project'}’s view, and ${name} may not see it.`,
        }),
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
  }

  const regionName = session.region === ALL_REGIONS ? 'All regions' : session.region
  return (
    <>
      {/* Below sm, one button stands for both pickers: a phone's header keeps to a few lines. */}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={pickersId}
        onClick={() => setOpen((o) => !o)}
        className={cn(
          'inline-flex h-8 max-w-full items-center gap-1 rounded-md border border-gray-300 bg-white px-2.5 text-sm text-gray-900 sm:hidden',
          focusRing,
        )}
      >
        <span className="sr-only">Project and region: </span>
        <span className="truncate">
          {current?.name ?? 'No project'} · {regionName}
        </span>
        <ChevronDownIcon className={cn('size-4 shrink-0', open && 'rotate-180')} />
      </button>
      <div
        id={pickersId}
        className={cn(
          'flex-wrap items-center gap-x-4 gap-y-2 max-sm:mt-2',
          open ? 'flex' : 'hidden sm:flex',
        )}
      >
        {fixed && current ? (
          <FixedProject project={current.name} credential={fixed.name} />
        ) : (
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
        )}
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
    </>
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

/**
 * The project of an application credential's session, in place of the switcher: Keystone ties the
 * credential to it. The button says which and, pressed (or read out), why there is no other.
 */
function FixedProject({ project, credential }: { project: string; credential: string }) {
  const [open, setOpen] = useState(false)
  const labelId = useId()
  const whyId = useId()
  return (
    <>
      <span id={labelId} className="text-sm font-medium text-gray-700">
        Project
      </span>
      {/* On a phone the note spans the screen, below the button (its static position): from the
          button's own box it would run off the edge. */}
      <div className="sm:relative">
        <button
          type="button"
          aria-label={`Project: ${project} (fixed)`}
          aria-describedby={whyId}
          aria-expanded={open}
          aria-controls={whyId}
          onClick={() => setOpen((o) => !o)}
          onBlur={() => setOpen(false)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setOpen(false)
          }}
          className={cn(
            fieldBox,
            'inline-flex h-8 cursor-pointer items-center gap-1.5 px-2.5 text-left',
            focusRing,
          )}
        >
          <span className="truncate">{project}</span>{' '}
          <span className="text-xs text-gray-600">(fixed)</span>
        </button>
        <p
          id={whyId}
          hidden={!open}
          className="absolute z-20 mt-1 rounded-md border border-gray-200 bg-white p-3 text-sm text-gray-900 shadow-lg max-sm:inset-x-4 sm:top-full sm:right-0 sm:w-72"
        >
          {fixedProjectWords(project, credential)}
        </p>
      </div>
    </>
  )
}

/** Why an application credential's session offers no other project. */
export const fixedProjectWords = (project: string, credential: string) =>
  `This session is fixed to project ${project}: it was signed in with application credential “${credential}”, which Keystone ties to one project.`
