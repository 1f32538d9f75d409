import { createImage, deleteImage, showImage } from '~mocks/glance/images'
import { listImages } from '~mocks/glance/list-images'
import {
  addMember,
  deleteMember,
  listMembers,
  showMember,
  updateMember,
} from '~mocks/glance/members'
import { patchImage } from '~mocks/glance/patch-image'
import { route } from '~mocks/glance/route'

/** Glance v2's image and member calls, each with the policy action Glance checks for it. */
export const glanceHandlers = [
  route('get', '/images', 'get_images', listImages),
  route('post', '/images', 'add_image', createImage),
  route('get', '/images/:imageId', 'get_image', showImage),
  route('patch', '/images/:imageId', 'modify_image', patchImage),
  route('delete', '/images/:imageId', 'delete_image', deleteImage),
  route('get', '/images/:imageId/members', 'get_members', listMembers),
  route('post', '/images/:imageId/members', 'add_member', addMember),
  route('get', '/images/:imageId/members/:memberId', 'get_member', showMember),
  route('put', '/images/:imageId/members/:memberId', 'modify_member', updateMember),
  route('delete', '/images/:imageId/members/:memberId', 'delete_member', deleteMember),
]
