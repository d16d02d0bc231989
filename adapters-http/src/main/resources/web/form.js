// The configuration form: filling it from a GET, reading it back as a PUT body, the password's
// states, the no_proxy rows, and errors placed on the field they name. Which fields there are
// comes from the server (GET /api/proxy-config/schema), and so does every check: the page asks
// the server (PUT ?dry_run=true) instead of keeping a copy of its rules.

import { api } from './api.js';
import { describe, passwordStateText } from './password-state.js';
import { entryMessage, linesOf, listEntry, listOf, proxyPartyChange } from './proxy-list.js';

export const REDACTED = '<redacted>';

const $ = (id) => document.getElementById(id);

export class ConfigForm {
  constructor(form) {
    this.form = form;
    this.fields = [];            // the server's field list: [{name, type, secret, default}]
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

  /** Takes the server's field list; each field is the form control of that id. */
  useFields(fields) {
    this.fields = fields;
  }

  /** Shows a configuration read from the server; the password input stays empty whatever it says. */
  fill(config) {
    this.loaded = config;
    this.passwordCleared = false;
    for (const field of this.fields) {
      const control = $(field.name);
      const value = config[field.name] ?? field.default;
      if (field.secret) control.value = '';
      else if (control.tagName === 'FIELDSET') this.fillRules(value);
      else if (field.type === 'array') control.value = linesOf(value);
      else if (control.type === 'checkbox') control.checked = Boolean(value);
      else control.value = String(value);
    }
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

  /**
   * Why a stored password cannot be kept ('type', 'host', 'fallback hosts'), or null: it is
   * never sent to another proxy type or to a host it was not stored for (the server refuses it).
   */
  reentryReason() {
    if (this.loaded === null || this.passwordToSend() !== REDACTED) return null;
    const now = { type: $('type').value, url: $('url').value, fallback_urls: listOf($('fallback_urls').value) };
    return proxyPartyChange(this.loaded, now);
  }

  /** The form as a PUT body (also the dry run's draft). */
  read() {
    const config = {};
    for (const field of this.fields) config[field.name] = this.valueOf(field);
    return config;
  }

  /**
   * One field's value as the server takes it. A number field that does not hold a whole number
   * is sent as the text typed, so the server names the field and says why, rather than the page
   * guessing a number.
   */
  valueOf(field) {
    const control = $(field.name);
    if (field.secret) return this.passwordToSend();
    if (control.tagName === 'FIELDSET') return this.rules().map((r) => r.value.trim()).filter(Boolean).join(',');
    if (control.type === 'checkbox') return control.checked;
    if (field.type === 'array') return listOf(control.value);
    const text = control.value.trim();
    if (field.type === 'integer') {
      if (control.validity?.badInput) return 'not a number';
      return text === '' ? field.default : /^-?\d+$/.test(text) ? Number(text) : text;
    }
    return field.name === 'url' ? text : control.value;
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

  fillRules(list) {
    $('no-proxy-list').replaceChildren();
    for (const rule of (list || '').split(',').map((r) => r.trim()).filter(Boolean)) this.addRule(rule, false);
  }

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
    const why = this.reentryReason();
    const required = why !== null;
    const text = passwordStateText({ required, why, stored, cleared: this.passwordCleared, typed });
    $('password-state').textContent = text;
    input.required = required;
    input.setAttribute('aria-required', String(required));
    input.placeholder = stored && !this.passwordCleared ? '•••••••• (set, unchanged)' : '';
    $('clear-password').hidden = !stored || this.passwordCleared || typed || this.readOnly;
    $('keep-password').hidden = !stored || !this.passwordCleared || this.readOnly;
  }

  // ---- checks and errors ----

  /** The server's answer to this form: null when it would be saved, else the refusal (an ApiError). */
  async check(etag) {
    try {
      await api.check(this.read(), etag);
      return null;
    } catch (error) {
      return error;
    }
  }

  /**
   * Puts an error next to the field it names; false when the form has no such field. The
   * "field: " prefix is dropped there, since the field's label already says which one; an entry
   * of a list (`fallback_urls[1]`) is named in the message instead, as its field holds them all.
   */
  showError(param, message) {
    const { name, entry } = listEntry(param);
    const field = $(name);
    const slot = $(name + '-error');
    if (!field || !slot || !this.form.contains(field)) return false;
    const text = message.startsWith(param + ': ') ? message.slice(param.length + 2) : message;
    slot.textContent = entry === null || field.tagName !== 'TEXTAREA' ? text : entryMessage(listOf(field.value), entry, text);
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
