/**
 * Glance's own error texts, exactly (image_members.py, images.py, glance/db): the demo cloud answers
 * with them, the policy decisions carry them, and the contract suite compares real Glance with them.
 */
export const glanceMessages = {
  imageNotFound: (id: string) => `Image ${id} not found.`,
  noImageWithId: (id: string) => `No image found with ID ${id}`,
  memberNotFound: (memberId: string, id: string) =>
    `${memberId} not found in the member list of the image ${id}.`,
  onlySharedHaveMembers: 'Only shared images have members.',
  notAllowedCreate: (id: string) => `Not allowed to create members for image ${id}.`,
  notAllowedList: (id: string) =>
    `Not allowed to list members for image ${id}: Only shared images have members.`,
  notAllowedUpdate: (id: string) => `Not allowed to update members for image ${id}.`,
  notAllowedDelete: (id: string) => `Not allowed to delete members for image ${id}.`,
  notAuthorized: (action: string) => `You are not authorized to complete ${action} action.`,
  memberLimit: (id: string, attempted: number, maximum: number) =>
    `Image member limit exceeded for image ${id}: The limit has been exceeded on the number of allowed image members for this image. Attempted: ${attempted}, Maximum: ${maximum}:`,
  duplicateMember: (memberId: string, id: string) =>
    `Member ${memberId} is duplicated for image ${id}`,
  fourByteMember: "Member can't contain 4 byte unicode characters.",
  memberTooLong: 'Member id is too long: at most 255 characters.',
  invalidMemberStatus: 'Incorrect request: Status must be "pending", "accepted" or "rejected".',
  notOwner: 'You do not own this image',
  /** webob's default 403 explanation; Glance puts it first when it raises HTTPForbidden(detail). */
  accessDenied: 'Access was denied to this resource.',
  /** v2/policy.py::check_admin_or_same_owner (legacy), raised as Glance's own Forbidden. */
  createOwnedBy: (owner: string) => `You are not permitted to create images owned by '${owner}'.`,
  /**
   * v2/policy.py::ImageAPIPolicy.add_image (new defaults): HTTPForbidden(msg) makes the text
   * webob's detail under accessDenied, and this variant has no final period.
   */
  createOwnedByDetail: (owner: string) =>
    `Access was denied to this resource.\nYou are not permitted to create images owned by '${owner}'`,
  duplicateImage: (id: string) => `Image ID ${id} already exists!`,
  /** images.py::delete rewrites the repository's NotFound. */
  deleteNotFound: (id: string) => `Failed to find image ${id} to delete`,
  protectedImage: (id: string) => `Image ${id} is protected and cannot be deleted.`,
} as const
