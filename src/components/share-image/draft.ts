import * as React from 'react'

// sessionStorage, as the session itself: it dies with the tab and never reaches another one.
const PREFIX = 'isp-share-draft'

function read(key: string): string {
  try {
    return sessionStorage.getItem(key) ?? ''
  } catch {
    return ''
  }
}

function write(key: string, text: string) {
  try {
    if (text === '') sessionStorage.removeItem(key)
    else sessionStorage.setItem(key, text)
  } catch {
    // Storage full or refused: the text still lives in the dialog, as before.
  }
}

/**
 * The Share dialog's typed project IDs, kept per user, region and image. A token that expires
 * mid-share sends the user to sign in, which takes the dialog away; back on the page, Share
 * Image opens with the text as it was. Per user, so the next user of the tab never sees it.
 */
export function useShareDraft(
  userId: string,
  region: string,
  imageId: string,
): [string, (text: string) => void] {
  const key = `${PREFIX}:${userId}:${region}:${imageId}`
  const [text, setText] = React.useState(() => read(key))
  const set = React.useCallback(
    (next: string) => {
      // Written at once, not in an effect: the dialog may be gone before an effect would run.
      write(key, next)
      setText(next)
    },
    [key],
  )
  return [text, set]
}
