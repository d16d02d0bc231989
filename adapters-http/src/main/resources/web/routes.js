// The routes editor: the ordered per-target routes (GET/PUT /api/proxy-config/routes), with add,
// remove and move, a validate-only PUT when a changed field is left, and a save with If-Match.
// Like the main form it keeps no rule of its own: the server names the route and field it
// refuses (`routes[2].via.url`) and the refusal is shown there.

import { api, ApiError } from './api.js';
import { RouteRow } from './route-row.js';

const $ = (id) => document.getElementById(id);

/**
 * `routes[2].via.url` → {index: 2, path: 'via.url', entry: null};
 * `routes[0].via.fallback_urls[1]` → path 'via.fallback_urls', entry 1.
 */
export function routeParam(param) {
  const match = /^routes\[(\d+)\](?:\.(.+?))?(?:\[(\d+)\])?$/.exec(param || '');
  if (!match) return null;
  return { index: Number(match[1]), path: match[2] || '', entry: match[3] === undefined ? null : Number(match[3]) };
}

export class RoutesEditor {
  /**
   * `report(error, prefix)` and `announce(kind, text)` are the page's status; `saved(before, after)`
   * is told the ETag a save started from and the one it made (the main form may move along).
   */
  constructor({ report, announce, saved }) {
    this.form = $('routes-form');
    this.list = $('routes-list');
    this.report = report;
    this.announce = announce;
    this.saved = saved;
    this.rows = [];
    this.etag = null;
    this.snapshot = null; // the loaded routes as read() gives them: what "unsaved changes" compares with
    this.readOnly = false;
    this.checks = 0;
    $('routes-add').addEventListener('click', () => this.add(undefined, true));
    $('routes-reload').addEventListener('click', () => this.load('Route changes discarded; showing the saved routes.'));
    this.form.addEventListener('change', () => this.check());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
  }

  // ---- loading and showing ----

  async load(message) {
    try {
      this.show(await api.routes());
      if (message) this.announce('info', message);
    } catch (error) {
      this.report(error, 'The routes could not be loaded');
    }
  }

  show({ json, etag }) {
    this.etag = etag;
    this.rows = [];
    this.list.replaceChildren();
    (json?.routes ?? []).forEach((route) => this.add(route, false));
    this.renumber();
    this.snapshot = JSON.stringify(this.read());
    this.clearErrors();
    this.updateRevision();
  }

  /** Forgets everything shown (sign-out). */
  clear() {
    this.show({ json: { routes: [] }, etag: null });
    this.snapshot = null;
  }

  read() {
    return { routes: this.rows.map((row) => row.read()) };
  }

  isDirty() {
    return this.snapshot !== null && JSON.stringify(this.read()) !== this.snapshot;
  }

  updateRevision() {
    const match = /^"(\d+)"$/.exec(this.etag || '');
    const text = match ? `Revision ${match[1]}` : '';
    $('routes-revision').textContent = this.isDirty() ? `${text} · unsaved changes` : text;
    $('routes-empty').hidden = this.rows.length > 0;
  }

  // ---- the list ----

  add(route, focus) {
    const row = new RouteRow(route, {
      remove: (r) => this.remove(r),
      move: (r, by) => this.move(r, by),
      changed: () => this.updateRevision(),
    });
    this.rows.push(row);
    this.list.append(row.element);
    row.setReadOnly(this.readOnly);
    this.renumber();
    if (focus) {
      row.control('match').focus();
      this.updateRevision();
    }
  }

  remove(row) {
    const at = this.rows.indexOf(row);
    this.rows.splice(at, 1);
    row.element.remove();
    this.renumber();
    this.updateRevision();
    // Keep the keyboard user in the list rather than dropping focus to the page top.
    (this.rows[at] ?? this.rows[at - 1])?.control('match').focus() ?? $('routes-add').focus();
  }

  move(row, by) {
    const from = this.rows.indexOf(row);
    const to = from + by;
    if (to < 0 || to >= this.rows.length) return;
    [this.rows[from], this.rows[to]] = [this.rows[to], this.rows[from]];
    this.list.replaceChildren(...this.rows.map((r) => r.element));
    this.renumber();
    this.updateRevision();
    // The same button keeps focus unless it cannot move further that way.
    const same = by < 0 ? row.upButton : row.downButton;
    (same.disabled ? (by < 0 ? row.downButton : row.upButton) : same).focus();
  }

  renumber() {
    this.rows.forEach((row, i) => row.renumber(i, this.rows.length, this.readOnly));
  }

  setReadOnly(readOnly) {
    this.readOnly = readOnly;
    this.rows.forEach((row) => row.setReadOnly(readOnly));
    this.renumber();
    for (const id of ['routes-add', 'routes-save', 'routes-reload']) $(id).disabled = readOnly;
  }

  // ---- errors ----

  /** Puts a refusal on the route field its param names; false when it names none of this list. */
  showError(param, message) {
    const named = routeParam(param);
    const row = named && this.rows[named.index];
    if (!row) return false;
    // The route's legend and the field's label already say which field: drop the "routes[2].via.url: " prefix.
    const text = message.startsWith(param + ': ') ? message.slice(param.length + 2) : message;
    return row.showError(named.path, text, named.entry) ?? true;
  }

  clearErrors() {
    this.rows.forEach((row) => row.clearErrors());
  }

  // ---- check and save ----

  // Leaving a changed field asks the server what saving would say. Only the latest answer counts,
  // and only while the routes are still what it judged: typing on meanwhile has cleared the error
  // of the field typed in, and an answer about the old text must not put it back.
  async check() {
    if (this.readOnly || !this.isDirty()) return;
    const mine = ++this.checks;
    const draft = this.read();
    let refusal = null;
    try {
      await api.checkRoutes(draft, this.etag);
    } catch (error) {
      refusal = error;
    }
    if (mine !== this.checks || JSON.stringify(this.read()) !== JSON.stringify(draft)) return;
    this.clearErrors();
    if (refusal?.status === 400 && refusal.param) this.showError(refusal.param, refusal.message);
  }

  async save() {
    this.checks++; // a check still under way must not redraw the errors of this save
    this.clearErrors();
    $('conflict').hidden = true;
    $('routes-save').disabled = true;
    const before = this.etag;
    try {
      const saved = await api.saveRoutes(this.read(), before);
      // Read back what the server stored (match normalized, passwords redacted) rather than trust the form.
      this.show(await api.routes());
      await this.saved(before, saved.etag);
      const revision = /^"(\d+)"$/.exec(saved.etag || '')?.[1] ?? '';
      this.announce('success', `Routes saved as revision ${revision}. In force for the next request.`);
    } catch (error) {
      this.refused(error);
    } finally {
      $('routes-save').disabled = this.readOnly;
    }
  }

  refused(error) {
    const placed = error instanceof ApiError && error.param ? this.showError(error.param, error.message) : false;
    if (error.status === 412) {
      this.report(error, 'Routes not saved: someone else saved the configuration after you loaded it');
      $('conflict-reload').focus();
      return;
    }
    this.report(error, 'Routes not saved');
    if (placed && placed !== true) placed.focus();
  }
}
