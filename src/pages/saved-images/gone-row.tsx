import { imageDisplayName } from '~/api/images'
import { goneText } from '~/api/describe-error'
import type { RegionImage } from '~/api/queries'
import { FullWidthRow, type DataTableInstance } from '~/components/data-table'
import { Button } from '~/ui/button'
import type { ListedRow } from './rows-in-flight'

/** Where a share was, once its producer took it away: said in words, until dismissed. */
export function GoneRow({
  table,
  row,
  onDismiss,
}: {
  table: DataTableInstance<ListedRow>
  row: RegionImage
  onDismiss: () => void
}) {
  return (
    <FullWidthRow table={table} className="bg-amber-50">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p>
          <span className="font-medium break-words">{imageDisplayName(row.image)}</span>
          {': '}
          {goneText}
        </p>
        <Button variant="ghost" size="sm" onClick={onDismiss}>
          Dismiss<span className="sr-only"> {imageDisplayName(row.image)}</span>
        </Button>
      </div>
    </FullWidthRow>
  )
}
