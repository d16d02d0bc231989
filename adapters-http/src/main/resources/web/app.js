// The settings page: sign-in, load, save with If-Match, and wiring of the test and history panels.
// It uses only the public API, so everything it does an operator can also do with curl.

import { api, ApiError, session, whenUnauthorized } from './api.js';
import { ConfigForm } from './form.js';
import { setUpDryRun } from './dryrun.js';
import { History } from './history.js';
import { RoutesEditor } from './routes.js';
import { TrafficPanel } from './traffic.js';

const $ = (id) => document.getElementById(id);
const READ_ONLY_KEY = 'proxy-config.read-only';

const configForm = new ConfigForm($('config-form'));
const history = new History({ restore, report });
const traffic = new TrafficPanel();
const routes = new RoutesEditor({ report, announce, saved: routesSaved });
let etag = null; // the ETag of the configuration in the form: sent back as If-Match on save

// ---- status messages (one aria-live region) ----

function announce(kind, text) {
  const status = $('status');
  status.className = 'status ' + kind;
  status.textContent = text;
  status.hidden = false;
}

function quiet() {
  $('status').hidden = true;
  $('status').textContent = '';
}

/** Shows a refusal: on its field when it names one of the form's, and always in the status. */
function report(error, prefix) {
  if (!(error instanceof ApiError)) {
    announce('error', `${prefix}: ${error.message}`);
    return;
  }
  if (error.status === 401) return; // back at sign-in already, with its own message
  if (error.status === 403) becomeReadOnly();
  if (error.status === 412) $('conflict').hidden = false;
  if (error.param && configForm.showError(error.param, error.message)) configForm.focusFirstError();
  announce('error', `${prefix}: ${error.message}`);
}

// ---- sign-in and sign-out ----

function showSignIn(message) {
  $('app').hidden = true;
  $('session').hidden = true;
  $('sign-in').hidden = false;
  if (message) announce('error', message); else quiet();
  $('token').focus();
}

function showApp() {
  $('sign-in').hidden = true;
  $('app').hidden = false;
  $('session').hidden = false;
  applyReadOnly(sessionStorage.getItem(READ_ONLY_KEY) === '1');
  traffic.start();
}

whenUnauthorized(() => {
  signOut();
  showSignIn('Your session has ended or the token is no longer accepted. Sign in again.');
});

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = $('token').value.trim();
  const slot = $('token-error');
  const fail = (text) => {
    slot.textContent = text;
    slot.hidden = false;
    $('token').setAttribute('aria-invalid', 'true');
    $('token').setAttribute('aria-describedby', 'token-error');
    $('token').focus();
  };
  if (token === '') return fail('Enter a token.');
  try {
    const loaded = await api.load(token); // checks the token before keeping it
    const me = await api.whoami(token);
    session.signIn(token);
    await loadFields();
    sessionStorage.setItem(READ_ONLY_KEY, me.json.role === 'admin' ? '0' : '1');
    $('token').value = '';
    slot.hidden = true;
    $('token').removeAttribute('aria-invalid');
    showApp();
    show(loaded);
    await routes.load();
    announce('info', 'Signed in.');
    history.load(true, revisionOf(loaded.etag));
    $('main').focus();
  } catch (error) {
    if (error.status === 401) fail('This token was not accepted. Check it and try again.');
    else fail(error.message);
  }
});

function signOut() {
  session.signOut();
  sessionStorage.removeItem(READ_ONLY_KEY);
  etag = null;
  traffic.stop();
  // Leave nothing of the configuration in the page for the next person at this screen.
  configForm.fill({});
  configForm.loaded = null;
  routes.clear();
  $('history-rows').replaceChildren();
  $('test-result').hidden = true;
  $('conflict').hidden = true;
}

$('sign-out').addEventListener('click', () => {
  signOut();
  showSignIn();
  announce('info', 'Signed out. The token was removed from this browser tab.');
});

// ---- read-only (viewer) ----

// The role comes from /api/whoami at sign-in; a 403 (a role changed since) also makes the page
// read-only, and it stays so for the tab.
function becomeReadOnly() {
  sessionStorage.setItem(READ_ONLY_KEY, '1');
  applyReadOnly(true);
}

function applyReadOnly(readOnly) {
  configForm.setReadOnly(readOnly);
  history.setReadOnly(readOnly);
  routes.setReadOnly(readOnly);
  $('run-test').disabled = readOnly;
  $('role-note').hidden = !readOnly;
}

// ---- load and save ----

function revisionOf(tag) {
  const match = /^"(\d+)"$/.exec(tag || '');
  return match ? Number(match[1]) : null;
}

/** The server's field list, read once per page: the form is built from it. */
let fields = null;
async function loadFields() {
  if (!fields) fields = (await api.schema()).json.fields;
  configForm.useFields(fields);
}

function show({ json, etag: tag }) {
  etag = tag;
  configForm.fill(json);
  $('conflict').hidden = true;
  updateRevision();
}

function updateRevision() {
  const revision = revisionOf(etag);
  const text = revision ? `Revision ${revision}` : 'Defaults (nothing saved yet)';
  $('revision').textContent = configForm.isDirty() ? `${text} · unsaved changes` : text;
}
configForm.onChange = updateRevision;

async function reload(message) {
  try {
    await loadFields();
    show(await api.load());
    await routes.load();
    await history.load(true, revisionOf(etag));
    if (message) announce('info', message); else quiet();
  } catch (error) {
    report(error, 'The configuration could not be loaded');
  }
}

// Leaving a changed field asks the server what saving would say (a validate-only PUT): its
// refusal appears on the field it names before anything is saved. Only the latest answer counts.
let checks = 0;
$('config-form').addEventListener('change', async () => {
  if (configForm.readOnly || !configForm.isDirty()) return;
  const mine = ++checks;
  const refusal = await configForm.check(etag);
  if (mine !== checks) return;
  configForm.clearErrors();
  if (refusal?.status === 400 && refusal.param) configForm.showError(refusal.param, refusal.message);
});

$('config-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  checks++; // a check still under way must not redraw the errors of this save
  configForm.clearErrors();
  $('conflict').hidden = true;
  $('save').disabled = true;
  const before = etag;
  try {
    const saved = await api.save(configForm.read(), etag);
    // A main PUT carries the routes over unchanged: routes loaded at the same revision are still current.
    if (routes.etag === before) {
      routes.etag = saved.etag;
      routes.updateRevision();
    }
    // Read back what the server stored (no_proxy normalized, password state) rather than trust the form.
    show(await api.load());
    await history.load(true, revisionOf(etag));
    announce('success', `Saved as revision ${revisionOf(saved.etag) ?? ''}. In force for the next request.`);
  } catch (error) {
    if (error.status === 412) {
      report(error, 'Not saved: someone else saved the configuration after you loaded it');
      $('conflict-reload').focus();
    } else {
      report(error, 'Not saved');
    }
  } finally {
    $('save').disabled = configForm.readOnly;
  }
});

$('reload').addEventListener('click', () => reload('Changes discarded; showing the saved configuration.'));
$('conflict-reload').addEventListener('click', () => reload('Reloaded the configuration saved by the other change.'));

async function restore(revision) {
  try {
    const { json } = await api.restore(revision, etag);
    await reload();
    announce('success', `Restored: ${json.message || 'revision ' + revision + ' restored'}.`);
  } catch (error) {
    report(error, 'Not restored');
  }
}

/**
 * After a routes save from `before` to `after`: that PUT carried the main configuration over
 * unchanged, so a form loaded at `before` is still current at `after` (its unsaved changes kept).
 * The history lists the new revision.
 */
async function routesSaved(before, after) {
  if (etag === before) {
    etag = after;
    updateRevision();
  }
  await history.load(true, revisionOf(after));
}

setUpDryRun(configForm, { report, announce });

// ---- start ----

if (session.token()) {
  showApp();
  reload();
} else {
  showSignIn();
}
