import { DialogDescription, DialogHeader, DialogTitle } from '~/ui/dialog'

/** The dialog's title, and what sharing means for the projects it names. */
export function ShareDialogHeader({ imageName }: { imageName: string }) {
  return (
    <DialogHeader>
      <DialogTitle>Share Image</DialogTitle>
      <DialogDescription>
        Share <span className="font-medium break-words text-gray-900">{imageName}</span> with other
        projects. Each project sees it as pending until one of its members accepts it.
      </DialogDescription>
    </DialogHeader>
  )
}
