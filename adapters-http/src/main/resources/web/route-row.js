// One route of the routes editor: its controls, built with DOM calls (server text is only ever a
// value or textContent), read back as the route's PUT body, its password's states, and its errors.
// Every control and error slot carries data-field / data-error-for with the path the server's
// `param` uses after `routes[i].` ("match", "via.url", …), so a refusal finds its field by name.

import { REDACTED } from './form.js';
import { describe, passwordStateText } from './password-state.js';
import { entryMessage, linesOf, listOf, proxyPartyChange } from './proxy-list.js';

export const PURPOSES = [
  ['inference', 'LLM provider calls (inference)'],
  ['scim', 'Identity provider calls (SCIM and OAuth)'],
  ['api', 'Other outbound API calls'],
];
const PROXY_TYPES = [['http', 'HTTP'], ['socks5', 'SOCKS5'], ['tcp', 'TCP tunnel']];

let rows = 0; // ids stay unique and stable while rows move, so a label never points at another row

export class RouteRow {
  /** `route`: as GET returns it, or undefined for a new row; `actions`: {remove, move(row, by), changed}. */
  constructor(route, actions) {
    this.key = 'route-' + (++rows);
    this.actions = actions;
    const via = route?.via;
    // The route proxy as loaded: a stored password is kept only for the same type, host and user.
    this.loaded = typeof via === 'object' && via !== null ? via : null;
    this.passwordCleared = false;
    this.element = this.build(route);
    this.updateVia();
    this.updatePurposes();
    this.updatePasswordState();
  }

  // ---- building ----

  build(route) {
    const item = document.createElement('li');
    item.className = 'route';
    const fieldset = document.createElement('fieldset');
    this.legend = document.createElement('legend');
    fieldset.append(this.legend, this.errorSlot(''));

    const match = this.field('match', 'Hosts (match)', input('text', route?.match ?? ''),
      'The no_proxy grammar: example.com, .example.com (and subdomains), *.example.com, an IP or CIDR range, optionally :port; comma-separated.');
    match.querySelector('input').placeholder = '.anthropic.com, 10.0.0.0/8:443';

    const purposes = group('For', this.key + '-purposes-legend');
    purposes.dataset.field = 'purposes';
    const chosen = new Set(route?.purposes ?? []);
    for (const [value, text] of PURPOSES) {
      const box = input('checkbox');
      box.checked = chosen.has(value);
      box.dataset.purpose = value;
      purposes.append(checkField(this.key + '-purpose-' + value, box, text));
    }
    this.purposesNote = hint(this.key + '-purposes-note');
    purposes.append(this.purposesNote, this.errorSlot('purposes'));

    const viaGroup = group('Through', this.key + '-via-legend');
    viaGroup.dataset.field = 'via';
    const viaValue = this.loaded ? 'own' : (typeof route?.via === 'string' ? route.via : 'default');
    for (const [value, text] of [['direct', 'Direct (no proxy)'], ['default', 'The main proxy'], ['own', 'A proxy of its own']]) {
      const radio = input('radio');
      radio.name = this.key + '-via';
      radio.value = value;
      radio.checked = value === viaValue;
      viaGroup.append(checkField(this.key + '-via-' + value, radio, text));
    }
    viaGroup.append(this.errorSlot('via'));

    this.proxy = this.proxyFields(this.loaded);
    const choices = document.createElement('div');
    choices.className = 'route-choices';
    choices.append(purposes, viaGroup);
    fieldset.append(match, choices, this.proxy, this.buttons());
    item.append(fieldset);
    item.addEventListener('input', (event) => {
      this.clearError(event.target);
      this.updatePurposes();
      this.updateVia();
      this.updatePasswordState();
      this.actions.changed();
    });
    return item;
  }

  proxyFields(own) {
    const box = document.createElement('div');
    box.className = 'route-proxy';
    const type = document.createElement('select');
    for (const [value, text] of PROXY_TYPES) type.append(new Option(text, value));
    type.value = own?.type ?? 'http';
    const url = input('text', own?.url ?? '');
    url.inputMode = 'url';
    url.placeholder = 'http://proxy.corp:3128';
    const timeout = input('number', String(own?.timeout ?? 0));
    timeout.step = '1';
    timeout.className = 'short';
    const password = input('password'); // never filled: the API only says whether one is set
    password.autocomplete = 'new-password';
    const clear = linkButton('Clear the stored password', () => this.setPasswordCleared(true));
    const keep = linkButton('Keep the stored password', () => this.setPasswordCleared(false));
    this.clearButton = clear;
    this.keepButton = keep;
    const skip = input('checkbox');
    skip.checked = Boolean(own?.skip_tls_verify);
    const ca = document.createElement('textarea');
    ca.rows = 3;
    ca.spellcheck = false;
    ca.value = own?.ca_cert_pem ?? '';
    const fallbacks = document.createElement('textarea');
    fallbacks.rows = 2;
    fallbacks.value = linesOf(own?.fallback_urls);
    // Empty on a new route: the server's default applies, and the saved value is read back.
    const cooldown = input('number', own?.fallback_cooldown === undefined ? '' : String(own.fallback_cooldown));
    cooldown.step = '1';
    cooldown.className = 'short';
    cooldown.placeholder = 'default';

    const passwordField = this.field('via.password', 'Password', password);
    this.passwordState = hint(this.key + '-password-state');
    describe(password, this.passwordState.id, true);
    const passwordActions = document.createElement('div');
    passwordActions.className = 'inline-actions';
    passwordActions.append(clear, keep);
    passwordField.append(this.passwordState, passwordActions);

    box.append(
      row(this.field('via.type', 'Type', type, null, 'type-field'), this.field('via.url', 'Proxy URL', url, null, 'grow')),
      row(this.field('via.fallback_urls', 'Fallback proxy URLs', fallbacks,
        'One per line, tried in order when the proxy above cannot be used; same type and credentials.', 'grow'),
      this.field('via.fallback_cooldown', 'Cool-down (seconds)', cooldown, 'How long a proxy that failed is set aside.')),
      row(this.field('via.username', 'Username', input('text', own?.username ?? ''), null, 'grow'), passwordField),
      this.field('via.timeout', 'Timeout (seconds)', timeout, '0 means the default, 30 s.'),
      checkField(this.key + '-via-skip_tls_verify', skip, 'Skip certificate verification', 'via.skip_tls_verify'),
      this.field('via.ca_cert_pem', 'Extra trusted CA certificates (PEM)', ca));
    passwordField.classList.add('grow');
    return box;
  }

  buttons() {
    const bar = document.createElement('div');
    bar.className = 'route-actions';
    this.upButton = smallButton('Move up', () => this.actions.move(this, -1));
    this.downButton = smallButton('Move down', () => this.actions.move(this, 1));
    this.removeButton = smallButton('Remove', () => this.actions.remove(this));
    bar.append(this.upButton, this.downButton, this.removeButton);
    return bar;
  }

  /** A labelled control with its error slot (and hint): the control is found by `data-field`. */
  field(path, labelText, control, hintText, extraClass) {
    const wrap = document.createElement('div');
    wrap.className = 'field' + (extraClass ? ' ' + extraClass : '');
    control.id = this.key + '-' + path.replace('.', '-');
    control.dataset.field = path;
    if (control.tagName !== 'SELECT') control.spellcheck = false;
    if (control.type === 'text') control.autocomplete = 'off';
    const label = document.createElement('label');
    label.htmlFor = control.id;
    label.textContent = labelText;
    wrap.append(label, control, this.errorSlot(path));
    if (hintText) {
      const note = hint(control.id + '-hint', hintText);
      describe(control, note.id, true);
      wrap.append(note);
    }
    return wrap;
  }

  errorSlot(path) {
    const slot = document.createElement('p');
    slot.className = 'field-error';
    slot.id = this.key + '-' + (path || 'route').replace('.', '-') + '-error';
    slot.dataset.errorFor = path;
    slot.hidden = true;
    return slot;
  }

  // ---- the row's state ----

  control(path) {
    return this.element.querySelector(`[data-field="${path}"]`);
  }

  get viaChoice() {
    return this.element.querySelector(`input[name="${this.key}-via"]:checked`)?.value ?? 'default';
  }

  /** Numbers the row (legend and button names) and enables moves that make sense. */
  renumber(index, count, readOnly) {
    const n = index + 1;
    this.legend.textContent = `Route ${n}`;
    this.upButton.setAttribute('aria-label', `Move route ${n} up`);
    this.downButton.setAttribute('aria-label', `Move route ${n} down`);
    this.removeButton.setAttribute('aria-label', `Remove route ${n}`);
    this.upButton.disabled = readOnly || index === 0;
    this.downButton.disabled = readOnly || index === count - 1;
    this.removeButton.disabled = readOnly;
  }

  setReadOnly(readOnly) {
    this.readOnly = readOnly;
    for (const el of this.element.querySelectorAll('input, select, textarea, button')) el.disabled = readOnly;
    this.updatePasswordState();
  }

  updateVia() {
    this.proxy.hidden = this.viaChoice !== 'own';
  }

  updatePurposes() {
    const ticked = [...this.element.querySelectorAll('input[data-purpose]')].some((b) => b.checked);
    this.purposesNote.textContent = ticked ? '' : 'None ticked: the route applies to every purpose.';
  }

  // ---- reading ----

  /** The route as the PUT body's element. */
  read() {
    const route = { match: this.control('match').value.trim() };
    const purposes = [...this.element.querySelectorAll('input[data-purpose]')].filter((b) => b.checked).map((b) => b.dataset.purpose);
    if (purposes.length > 0) route.purposes = purposes; // none ticked: absent, which means all
    const choice = this.viaChoice;
    route.via = choice !== 'own' ? choice : {
      type: this.control('via.type').value,
      url: this.control('via.url').value.trim(),
      username: this.control('via.username').value,
      password: this.passwordToSend(),
      timeout: wholeNumberOrText(this.control('via.timeout')),
      skip_tls_verify: this.control('via.skip_tls_verify').checked,
      ca_cert_pem: this.control('via.ca_cert_pem').value,
      fallback_urls: listOf(this.control('via.fallback_urls').value),
      // Left empty: not sent, so the server's default applies.
      fallback_cooldown: wholeNumberOrOmitted(this.control('via.fallback_cooldown')),
    };
    return route;
  }

  // ---- the password ----

  get passwordIsStored() {
    return this.loaded?.password === REDACTED;
  }

  passwordToSend() {
    const typed = this.control('via.password').value;
    if (typed !== '') return typed;
    return this.passwordIsStored && !this.passwordCleared ? REDACTED : '';
  }

  /** What differs from the loaded proxy among the things the server's keep rule compares: type, hosts and user. */
  changedIdentity() {
    if (!this.loaded) return null;
    const now = {
      type: this.control('via.type').value,
      url: this.control('via.url').value,
      fallback_urls: listOf(this.control('via.fallback_urls').value),
    };
    const change = proxyPartyChange(this.loaded, now);
    if (change) return change;
    return this.control('via.username').value !== this.loaded.username ? 'username' : null;
  }

  setPasswordCleared(cleared) {
    this.passwordCleared = cleared;
    this.control('via.password').value = '';
    this.clearError(this.control('via.password'));
    this.updatePasswordState();
    this.actions.changed();
    (cleared ? this.keepButton : this.control('via.password')).focus();
  }

  updatePasswordState() {
    const password = this.control('via.password');
    const typed = password.value !== '';
    const stored = this.passwordIsStored;
    const why = this.viaChoice === 'own' && this.passwordToSend() === REDACTED ? this.changedIdentity() : null;
    this.passwordState.textContent = passwordStateText({ required: why !== null, why, stored, cleared: this.passwordCleared, typed });
    password.required = why !== null;
    password.setAttribute('aria-required', String(why !== null));
    password.placeholder = stored && !this.passwordCleared ? '•••••••• (set, unchanged)' : '';
    this.clearButton.hidden = !stored || this.passwordCleared || typed || this.readOnly;
    this.keepButton.hidden = !stored || !this.passwordCleared || this.readOnly;
  }

  // ---- errors ----

  /**
   * Shows a refusal on the field `path` names ("via.url"; "" for the route as a whole); `entry`,
   * when the server named one entry of a list typed one per line, is told in the message.
   */
  showError(path, message, entry = null) {
    const slot = this.element.querySelector(`[data-error-for="${path}"]`) ?? this.element.querySelector('[data-error-for=""]');
    const control = this.control(slot.dataset.errorFor);
    slot.textContent = entry !== null && control?.tagName === 'TEXTAREA' ? entryMessage(listOf(control.value), entry, message) : message;
    slot.hidden = false;
    if (path.startsWith('via.')) this.proxy.hidden = false; // the field named must be visible
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      describe(control, slot.id, true);
    }
    return control;
  }

  clearError(element) {
    const path = element?.dataset?.field ?? element?.closest('[data-field]')?.dataset.field;
    const slot = path !== undefined && this.element.querySelector(`[data-error-for="${path}"]`);
    if (!slot) return;
    slot.hidden = true;
    slot.textContent = '';
    const control = this.control(path);
    control.removeAttribute('aria-invalid');
    describe(control, slot.id, false);
  }

  clearErrors() {
    for (const slot of this.element.querySelectorAll('.field-error')) {
      slot.hidden = true;
      slot.textContent = '';
    }
    for (const el of this.element.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      for (const id of (el.getAttribute('aria-describedby') || '').split(/\s+/)) {
        if (id.endsWith('-error')) describe(el, id, false);
      }
    }
  }
}

// ---- small DOM helpers ----

function input(type, value) {
  const el = document.createElement('input');
  el.type = type;
  if (value !== undefined) el.value = value;
  return el;
}

function hint(id, text = '') {
  const p = document.createElement('p');
  p.className = 'hint';
  p.id = id;
  p.textContent = text;
  return p;
}

/** A checkbox or radio with its label beside it; `path` makes it findable as a field. */
function checkField(id, box, text, path) {
  const wrap = document.createElement('div');
  wrap.className = 'field check';
  box.id = id;
  if (path) box.dataset.field = path;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = text;
  wrap.append(box, label);
  return wrap;
}

function group(legendText, id) {
  const fieldset = document.createElement('fieldset');
  fieldset.className = 'route-group';
  const legend = document.createElement('legend');
  legend.id = id;
  legend.textContent = legendText;
  fieldset.append(legend);
  return fieldset;
}

function row(...children) {
  const div = document.createElement('div');
  div.className = 'row';
  div.append(...children);
  return div;
}

function smallButton(text, onClick) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button secondary small';
  button.textContent = text;
  button.addEventListener('click', onClick);
  return button;
}

function linkButton(text, onClick) {
  const button = smallButton(text, onClick);
  button.className = 'button link';
  return button;
}

/** A timeout that is not a whole number goes as typed, so the server names the field and says why. */
function wholeNumberOrText(control) {
  if (control.validity?.badInput) return 'not a number';
  const text = control.value.trim();
  return text === '' ? 0 : /^-?\d+$/.test(text) ? Number(text) : text;
}

/** As wholeNumberOrText, but nothing typed is undefined: the member is left out and the server's default applies. */
function wholeNumberOrOmitted(control) {
  return control.value.trim() === '' && !control.validity?.badInput ? undefined : wholeNumberOrText(control);
}
