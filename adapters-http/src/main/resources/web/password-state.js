// What a password field means now, in words: the main proxy's and every route proxy's say the same
// things, since the server applies the same "<redacted>" rule to both.

/**
 * The sentence under a password input. `required`: a stored password would be kept for another
 * proxy (`why` says what changed); `stored`: the server holds one; `cleared`: the person chose to
 * remove it; `typed`: the input holds a new one.
 */
export function passwordStateText({ required, why, stored, cleared, typed }) {
  if (required) {
    return `The proxy ${why} changed: type the password again, or clear it. The stored one is never sent to a new proxy.`;
  }
  if (stored && cleared && !typed) return 'The stored password will be removed when you save.';
  if (stored && typed) return 'The new password replaces the stored one when you save.';
  if (stored) return 'A password is set. Leave this empty to keep it, or type a new one.';
  return typed ? '' : 'No password is set.';
}

/** Adds or removes one id in an element's aria-describedby. */
export function describe(element, id, on) {
  const ids = new Set((element.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean));
  if (on) ids.add(id); else ids.delete(id);
  if (ids.size) element.setAttribute('aria-describedby', [...ids].join(' '));
  else element.removeAttribute('aria-describedby');
}
