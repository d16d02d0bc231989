// History: the saved revisions, newest first, paged with next_before, and restore.

import { api } from './api.js';

const $ = (id) => document.getElementById(id);
const PAGE = 10;

export class History {
  /** `restore(revision)` runs a confirmed restore; `report(error, prefix)` shows a failure. */
  constructor({ restore, report }) {
    this.restore = restore;
    this.report = report;
    this.nextBefore = null;
    this.current = null;
    this.readOnly = false;
    $('history-more').addEventListener('click', () => this.load(false));
    $('history-refresh').addEventListener('click', () => this.load(true));
  }

  /** Loads the first page (reset) or the next one; `current` marks the revision in force. */
  async load(reset, current = this.current) {
    this.current = current;
    if (reset) this.nextBefore = null;
    try {
      const { json } = await api.history(reset ? null : this.nextBefore, PAGE);
      if (reset) $('history-rows').replaceChildren();
      json.revisions.forEach((r) => $('history-rows').append(this.row(r)));
      this.nextBefore = json.next_before ?? null;
      $('history-more').hidden = this.nextBefore === null;
      const empty = $('history-rows').children.length === 0;
      $('history-empty').hidden = !empty;
      $('history-table').hidden = empty;
    } catch (error) {
      this.report(error, 'The history could not be loaded');
    }
  }

  setReadOnly(readOnly) {
    this.readOnly = readOnly;
    document.querySelectorAll('#history-rows .restore').forEach((b) => { b.disabled = readOnly; });
  }

  row(revision) {
    const tr = document.createElement('tr');
    tr.dataset.revision = revision.revision;

    const number = cell('num', String(revision.revision));
    if (revision.revision === this.current) number.append(tag('current-tag', 'in force'));

    const at = document.createElement('time');
    at.dateTime = revision.at;
    at.textContent = new Date(revision.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
    at.title = revision.at;

    const changed = cell('changed');
    if (revision.changed.length === 0) changed.textContent = 'nothing (same as before)';
    revision.changed.forEach((field) => changed.append(tag('chip', field)));
    changed.append(configDetails(revision));

    const actions = cell('actions-cell');
    if (revision.revision !== this.current) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button secondary small restore';
      button.textContent = 'Restore';
      button.setAttribute('aria-label', `Restore revision ${revision.revision}`);
      button.disabled = this.readOnly;
      button.addEventListener('click', () => this.confirmAndRestore(revision.revision, button));
      actions.append(button);
    }
    tr.append(number, withChild(cell('nowrap'), at), cell('nowrap', revision.actor), changed, actions);
    return tr;
  }

  /** Asks first: a restore changes where the gateway's traffic goes. */
  async confirmAndRestore(revision, button) {
    const dialog = $('restore-dialog');
    $('restore-number').textContent = String(revision);
    dialog.returnValue = '';
    dialog.showModal();
    const confirmed = await new Promise((resolve) =>
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'restore'), { once: true }));
    if (confirmed) await this.restore(revision);
    else button.focus();
  }
}

/** The revision's configuration as stored (the password already redacted by the server). */
function configDetails(revision) {
  const details = document.createElement('details');
  details.className = 'config-view';
  const summary = document.createElement('summary');
  summary.textContent = 'Show settings';
  const list = document.createElement('dl');
  for (const [key, value] of Object.entries(revision.config)) {
    const dt = document.createElement('dt');
    dt.textContent = key;
    const dd = document.createElement('dd');
    dd.textContent = key === 'password' && value !== '' ? 'set (never shown)' : shownValue(value);
    list.append(dt, dd);
  }
  details.append(summary, list);
  return details;
}

/** A stored value in words: a list (fallback_urls) comma-separated, nothing as a dash. */
function shownValue(value) {
  const text = Array.isArray(value) ? value.join(', ') : String(value);
  return text === '' ? '—' : text;
}

function cell(className = '', text = '') {
  const td = document.createElement('td');
  if (className) td.className = className;
  td.textContent = text;
  return td;
}

function tag(className, text) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  return span;
}

function withChild(parent, child) {
  parent.append(child);
  return parent;
}
