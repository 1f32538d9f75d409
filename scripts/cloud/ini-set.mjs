// Set one key in one section of an INI file, keeping everything else as is.
// Usage: node ini-set.mjs FILE SECTION KEY VALUE
// Prints "changed" or "unchanged". Creates the section (at the end) if missing;
// replaces the first active `key = ...` line of the section, else adds one
// right after the section header.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'

const [file, section, key, value] = process.argv.slice(2)
if (!file || !section || !key || value === undefined) {
  console.error('usage: node ini-set.mjs FILE SECTION KEY VALUE')
  process.exit(2)
}

const text = existsSync(file) ? readFileSync(file, 'utf8') : ''
const lines = text.split('\n')
const wanted = `${key} = ${value}`
const header = /^\s*\[([^\]]+)\]\s*$/
const keyRe = new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`)

let start = -1
let end = lines.length
for (let i = 0; i < lines.length; i++) {
  const m = header.exec(lines[i])
  if (!m) continue
  if (start >= 0) {
    end = i
    break
  }
  if (m[1].trim() === section) start = i
}

let changed = false
if (start < 0) {
  while (lines.length && lines[lines.length - 1] === '') lines.pop()
  lines.push('', `[${section}]`, wanted, '')
  changed = true
} else {
  let found = -1
  for (let i = start + 1; i < end; i++) {
    if (keyRe.test(lines[i])) {
      found = i
      break
    }
  }
  if (found >= 0) {
    if (lines[found].trim() !== wanted) {
      lines[found] = wanted
      changed = true
    }
  } else {
    lines.splice(start + 1, 0, wanted)
    changed = true
  }
}

if (changed) writeFileSync(file, lines.join('\n'))
console.log(changed ? 'changed' : 'unchanged')
