/**
 * `record[key]` when it is the record's own: a key that came from Glance or Keystone (a member ID
 * is any text) may be `constructor` or `toString`, which would otherwise find Object.prototype's.
 */
export const ownValue = <T>(record: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined
