// The configuration form: filling it from a GET, reading it back as a PUT body, the password's
// states, the no_proxy rows, client-side checks, and errors placed on the field they name.

export const REDACTED = '<redacted>';

const TEXT_FIELDS = ['type', 'url', 'username', 'ca_cert_pem'];
const SWITCHES = ['enabled', 'skip_tls_verify', 'enable_for_scim', 'enable_for_inference', 'enable_for_api'];
const SCHEMES = { http: ['http', 'https'], socks5: ['socks5', 'socks5h'], tcp: ['tcp'] };
const FORMS = { http: 'http://, https:// or host:port', socks5: 'socks5://, socks5h:// or host:port', tcp: 'tcp:// or host:port' };
// As the server's rule: C0, DEL, C1, and the Unicode line and paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

const $ = (id) => document.getElementById(id);

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

export class ConfigForm {
  constructor(form) {
    this.form = form;
    this.loaded = null;          // the configuration as last read from the server
    this.passwordCleared = false;
    this.readOnly = false;
    this.onChange = () => {};

    $('no-proxy-add').addEventListener('click', () => this.addRule('', true));
    $('clear-password').addEventListener('click', () => this.clearPassword());
    $('keep-password').addEventListener('click', () => this.keepPassword());
    form.addEventListener('input', (event) => {
      this.clearError(event.target);
      this.updatePasswordState();
      this.onChange();
    });
  }

  /** Shows a configuration read from the server; the password input stays empty whatever it says. */
  fill(config) {
    this.loaded = config;
    this.passwordCleared = false;
    for (const name of TEXT_FIELDS) $(name).value = config[name] ?? '';
    for (const name of SWITCHES) $(name).checked = Boolean(config[name]);
    $('timeout').value = String(config.timeout ?? 0);
    $('password').value = '';
    $('no-proxy-list').replaceChildren();
    for (const rule of (config.no_proxy || '').split(',').map((r) => r.trim()).filter(Boolean)) this.addRule(rule, false);
    this.renderEmptyRules();
    this.clearErrors();
    this.updatePasswordState();
  }

  get passwordIsStored() {
    return this.loaded?.password === REDACTED;
  }

  /** What the password field means now: a new password, "keep the stored one", or none. */
  passwordToSend() {
    const typed = $('password').value;
    if (typed !== '') return typed;
    return this.passwordIsStored && !this.passwordCleared ? REDACTED : '';
  }

  /** SPEC §7: a stored password is never kept for another proxy type or host. */
  proxyChanged() {
    return this.loaded !== null
      && ($('type').value !== this.loaded.type || proxyHost($('url').value) !== proxyHost(this.loaded.url));
  }

  reentryRequired() {
    return this.passwordToSend() === REDACTED && this.proxyChanged();
  }

  /** The form as a PUT body (also the dry run's draft). */
  read() {
    const config = {};
    for (const name of TEXT_FIELDS) config[name] = $(name).value;
    for (const name of SWITCHES) config[name] = $(name).checked;
    config.url = config.url.trim();
    config.password = this.passwordToSend();
    config.no_proxy = this.rules().map((r) => r.value.trim()).filter(Boolean).join(',');
    // Empty means the default (0); anything but a whole number is NaN, which validate() reports.
    const timeout = $('timeout').value.trim();
    config.timeout = $('timeout').validity.badInput ? NaN : timeout === '' ? 0 : /^\d+$/.test(timeout) ? Number(timeout) : NaN;
    return config;
  }

  /** True when the form differs from what was loaded. */
  isDirty() {
    if (!this.loaded) return false;
    const now = this.read();
    const before = { ...this.loaded };
    before.no_proxy = (before.no_proxy || '').split(',').map((r) => r.trim()).filter(Boolean).join(',');
    return Object.keys(now).some((k) => String(now[k]) !== String(before[k] ?? ''));
  }

  // ---- no_proxy rows ----

  rules() {
    return [...$('no-proxy-list').querySelectorAll('input')];
  }

  addRule(value, focus) {
    const list = $('no-proxy-list');
    list.querySelector('.list-empty')?.remove();
    const id = 'no-proxy-' + (this.ruleIds = (this.ruleIds || 0) + 1);
    const item = document.createElement('li');
    const label = document.createElement('label');
    label.className = 'visually-hidden';
    label.htmlFor = id;
    const input = document.createElement('input');
    Object.assign(input, { type: 'text', id, value, spellcheck: false, autocomplete: 'off' });
    input.placeholder = '.internal.example';
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'icon-button';
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => this.removeRule(item));
    // Enter in a rule adds the next one instead of saving the whole form half-typed.
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.addRule('', true);
      }
    });
    item.append(label, input, remove);
    list.append(item);
    this.renumberRules();
    input.disabled = remove.disabled = this.readOnly;
    if (focus) input.focus();
  }

  removeRule(item) {
    const next = item.nextElementSibling?.querySelector('input') || item.previousElementSibling?.querySelector('input');
    item.remove();
    this.renumberRules();
    this.renderEmptyRules();
    this.clearError($('no_proxy'));
    this.onChange();
    // Keep the keyboard user in the list rather than dropping focus to the page top.
    (next || $('no-proxy-add')).focus();
  }

  renumberRules() {
    $('no-proxy-list').querySelectorAll('li').forEach((item, i) => {
      item.querySelector('label').textContent = `Bypass rule ${i + 1}`;
      item.querySelector('button').setAttribute('aria-label', `Remove bypass rule ${i + 1}`);
    });
  }

  renderEmptyRules() {
    const list = $('no-proxy-list');
    if (list.children.length > 0) return;
    const empty = document.createElement('li');
    empty.className = 'list-empty';
    empty.textContent = 'No rules: only localhost, loopback and cloud metadata addresses always go direct.';
    list.append(empty);
  }

  // ---- the password ----

  clearPassword() {
    this.passwordCleared = true;
    $('password').value = '';
    this.clearError($('password'));
    this.updatePasswordState();
    this.onChange();
    $('keep-password').focus();
  }

  keepPassword() {
    this.passwordCleared = false;
    $('password').value = '';
    this.updatePasswordState();
    this.onChange();
    $('password').focus();
  }

  /** Says in words what will happen to the password, and requires it when the proxy changed. */
  updatePasswordState() {
    const input = $('password');
    const typed = input.value !== '';
    const stored = this.passwordIsStored;
    const required = this.reentryRequired();
    let text;
    if (required) {
      text = 'The proxy type or host changed: type the password again, or clear it. The stored one is never sent to a new proxy.';
    } else if (stored && this.passwordCleared && !typed) {
      text = 'The stored password will be removed when you save.';
    } else if (stored && typed) {
      text = 'The new password replaces the stored one when you save.';
    } else if (stored) {
      text = 'A password is set. Leave this empty to keep it, or type a new one.';
    } else {
      text = typed ? '' : 'No password is set.';
    }
    $('password-state').textContent = text;
    input.required = required;
    input.setAttribute('aria-required', String(required));
    input.placeholder = stored && !this.passwordCleared ? '•••••••• (set, unchanged)' : '';
    $('clear-password').hidden = !stored || this.passwordCleared || typed || this.readOnly;
    $('keep-password').hidden = !stored || !this.passwordCleared || this.readOnly;
  }

  // ---- checks and errors ----

  /** The cheap rules of SPEC §2, worded like the server's; the server still checks everything. */
  validate() {
    const c = this.read();
    const errors = [];
    const add = (param, reason) => errors.push({ param, message: `${param}: ${reason}` });
    for (const name of ['url', 'username']) {
      if (CONTROL.test(c[name])) add(name, 'contains a control character; remove line breaks, tabs and other control characters');
    }
    if (CONTROL_EXCEPT_LINE_BREAKS.test(c.ca_cert_pem)) add('ca_cert_pem', 'contains a control character; only line breaks are allowed here');
    const url = c.url;
    const scheme = url.indexOf('://') >= 0 ? url.slice(0, url.indexOf('://')).toLowerCase() : null;
    if (c.enabled && url === '') add('url', 'is required when the proxy is enabled; give an address such as http://proxy.corp:3128, or turn the proxy off');
    else if (url.includes('@')) add('url', "must not contain credentials ('user:password@'); put them in the username and password fields, where the password is kept secret");
    else if (/\s/.test(url)) add('url', 'contains a space; remove it');
    else if (scheme !== null && !(SCHEMES[c.type] || []).includes(scheme)) {
      add('url', `scheme '${scheme}' is not valid for proxy type ${c.type}; use ${FORMS[c.type]}`);
    }
    if (c.password !== '' && c.username === '') add('username', 'is required when a password is set; give the proxy user name, or clear the password');
    if (c.type !== 'socks5' && c.username.includes(':')) add('username', `must not contain ':' for proxy type ${c.type}`);
    if (c.username.length > 256) add('username', `is ${c.username.length} characters long; at most 256 are allowed`);
    const typed = $('password').value;
    if (CONTROL.test(typed)) add('password', 'contains a control character (such as a line break or tab); type the password without it');
    else if (typed.length > 1024) add('password', 'is longer than 1024 characters');
    if (this.reentryRequired()) {
      add('password', 'the proxy type or host changed: enter the password again, so the stored one is never sent to a new proxy');
    }
    for (const rule of this.rules().map((r) => r.value.trim()).filter(Boolean)) {
      if (rule.includes(',')) add('no_proxy', `entry '${rule}' holds a comma; put each rule on its own row`);
      else if (CONTROL.test(rule) || /\s/.test(rule)) add('no_proxy', `entry '${rule}' contains a space or control character`);
    }
    if (!Number.isInteger(c.timeout) || c.timeout < 0 || c.timeout > 3600) {
      add('timeout', 'must be a whole number from 0 to 3600 seconds (0 means the default, 30 s)');
    }
    // One message per field: the first, as the server reports the first broken rule.
    return errors.filter((e, i) => errors.findIndex((f) => f.param === e.param) === i);
  }

  /**
   * Puts an error next to the field it names; false when the form has no such field. The
   * "field: " prefix is dropped there, since the field's label already says which one.
   */
  showError(param, message) {
    const field = $(param);
    const slot = $(param + '-error');
    if (!field || !slot || !this.form.contains(field)) return false;
    slot.textContent = message.startsWith(param + ': ') ? message.slice(param.length + 2) : message;
    slot.hidden = false;
    const target = field.tagName === 'FIELDSET' ? this.ruleNamedIn(message) : field;
    for (const el of new Set([field, target].filter(Boolean))) {
      el.setAttribute('aria-invalid', 'true');
      describe(el, slot.id, true);
    }
    return true;
  }

  /** The no_proxy row that a message quotes ("entry 'x' ..."), so it is marked too. */
  ruleNamedIn(message) {
    const quoted = /entry '([^']*)'/.exec(message)?.[1]?.toLowerCase();
    return this.rules().find((r) => quoted !== undefined && r.value.trim().toLowerCase() === quoted) || null;
  }

  clearError(element) {
    const param = element?.closest('#no_proxy') ? 'no_proxy' : element?.id;
    const slot = param && $(param + '-error');
    if (!slot) return;
    slot.hidden = true;
    slot.textContent = '';
    for (const el of [$(param), ...(param === 'no_proxy' ? this.rules() : [])]) {
      el.removeAttribute('aria-invalid');
      describe(el, slot.id, false);
    }
  }

  clearErrors() {
    for (const el of this.form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const slot of this.form.querySelectorAll('.field-error')) {
      slot.hidden = true;
      slot.textContent = '';
      this.form.querySelectorAll(`[aria-describedby~="${slot.id}"]`).forEach((el) => describe(el, slot.id, false));
    }
  }

  /** Moves focus to the first field marked invalid, for keyboard and screen-reader users. */
  focusFirstError() {
    const first = this.form.querySelector('input[aria-invalid=true], select[aria-invalid=true], textarea[aria-invalid=true], fieldset[aria-invalid=true]');
    first?.focus();
  }

  /** A viewer sees every value but can change none. */
  setReadOnly(readOnly) {
    this.readOnly = readOnly;
    for (const el of this.form.querySelectorAll('input, select, textarea, button')) el.disabled = readOnly;
    this.updatePasswordState();
  }
}

/** Adds or removes one id in an element's aria-describedby. */
function describe(element, id, on) {
  const ids = new Set((element.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean));
  if (on) ids.add(id); else ids.delete(id);
  if (ids.size) element.setAttribute('aria-describedby', [...ids].join(' '));
  else element.removeAttribute('aria-describedby');
}
