// A proxy and its fallbacks as the page edits them: the fallback URLs typed one per line, an error
// about one of them told with which, and whether a change brings in a host that the stored
// password was never sent to. The main form and every route proxy use the same.

/**
 * The host a proxy URL names, lower-cased, or '' when there is none: enough to notice that the
 * proxy changed (the server decides for real, with its full parser).
 */
export function proxyHost(url) {
  let rest = url.trim().toLowerCase();
  const scheme = rest.indexOf('://');
  if (scheme >= 0) rest = rest.slice(scheme + 3);
  rest = rest.split(/[/?#]/)[0];
  if (rest.startsWith('[')) return rest.slice(1, rest.indexOf(']') >= 0 ? rest.indexOf(']') : undefined);
  const colons = rest.split(':').length - 1;
  return colons === 1 ? rest.slice(0, rest.indexOf(':')) : rest;
}

/** A list typed one entry per line, as the PUT sends it: each line trimmed, blank lines left out. */
export function listOf(text) {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** A list from the server, one entry per line. */
export function linesOf(list) {
  return (list ?? []).join('\n');
}

/**
 * A refusal of one entry of a list typed one per line. The server counts the entries it was sent
 * (`fallback_urls[1]`), not the lines typed, so the entry is named by its number and its text.
 */
export function entryMessage(list, index, message) {
  const entry = list[index];
  return `Entry ${index + 1}${entry === undefined ? '' : ` (${entry})`}: ${message}`;
}

/** The trailing index of a field name: `fallback_urls[1]` → {name: 'fallback_urls', entry: 1}. */
export function listEntry(param) {
  const match = /^(.*)\[(\d+)\]$/.exec(param);
  return match ? { name: match[1], entry: Number(match[2]) } : { name: param, entry: null };
}

/** Every host a proxy list names: the url's and each fallback's. */
function hostsOf(url, fallbacks) {
  return [url ?? '', ...(fallbacks ?? [])].map(proxyHost).filter(Boolean);
}

/**
 * What changed between the loaded proxy `before` and the form's `now` ({type, url, fallback_urls})
 * such that the server will not keep the stored password for it: 'type', 'host' (the url's host
 * is none of the stored list's), 'fallback hosts' (a fallback adds a host), or null. The server
 * refuses with password_required then; this only says so before the person saves.
 */
export function proxyPartyChange(before, now) {
  if (now.type !== before.type) return 'type';
  const known = hostsOf(before.url, before.fallback_urls);
  const host = proxyHost(now.url);
  if (host === '' ? known.length > 0 : !known.includes(host)) return 'host';
  return hostsOf('', now.fallback_urls).some((h) => !known.includes(h)) ? 'fallback hosts' : null;
}
