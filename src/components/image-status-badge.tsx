import { Badge, type BadgeTone } from '~/ui/badge'

/** Glance's image states: usable, broken for good, or on their way (queued, saving, importing…). */
export const imageStatusTone = (status: string): BadgeTone =>
  status === 'active'
    ? 'success'
    : status === 'killed' || status === 'deactivated'
      ? 'danger'
      : 'neutral'

/** An image's status in Glance's word, the same on the list and on Image Detail. */
export function ImageStatusBadge({ status }: { status: string }) {
  return <Badge tone={imageStatusTone(status)}>{status}</Badge>
}
