// A proxy's URLs as the page edits them. The main form and every route proxy use the same.

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
