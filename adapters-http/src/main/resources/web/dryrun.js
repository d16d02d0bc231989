// "Test before saving": the dry run (POST /api/proxy-config/test) on the form as it is now, saved or not.

import { api, ApiError } from './api.js';

const $ = (id) => document.getElementById(id);

/**
 * Wires the test form. `configForm` supplies the unsaved draft; `report(error)` shows a refusal
 * (placing it on a configuration field when it names one); `announce` speaks the outcome.
 */
export function setUpDryRun(configForm, { report, announce }) {
  const form = $('test-form');
  const button = $('run-test');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearTargetError();
    // The server checks the draft as it checks a save, and names the field it refuses.
    const target = $('target').value.trim();
    if (!/^https?:\/\/\S+$/i.test(target)) {
      showTargetError('give a full URL such as https://api.openai.com/v1/models');
      $('target').focus();
      return;
    }
    const probe = $('probe').checked;
    button.disabled = true;
    button.textContent = probe ? 'Testing (sending a real request)…' : 'Testing…';
    form.setAttribute('aria-busy', 'true');
    try {
      const { json } = await api.dryRun({ target, purpose: $('purpose').value, config: configForm.read(), probe });
      render(json);
      announce('info', `Test: ${target} would go ${json.route === 'proxy' ? 'through the proxy' : 'direct'}`
        + (json.probe ? (json.probe.ok ? `; the real request got HTTP ${json.probe.status}.` : `; the real request failed (${json.probe.error}).`) : '.'));
    } catch (error) {
      $('test-result').hidden = true;
      if (error instanceof ApiError && error.param === 'target') {
        showTargetError(error.message.replace(/^target: /, ''));
        $('target').focus();
        announce('error', 'Not tested: ' + error.message);
      } else {
        report(error, 'Not tested');
      }
    } finally {
      button.disabled = configForm.readOnly;
      button.textContent = 'Run the test';
      form.removeAttribute('aria-busy');
    }
  });
}

function render(result) {
  const route = $('test-route');
  route.textContent = result.route === 'proxy' ? 'Through the proxy' : 'Direct';
  route.className = 'badge ' + (result.route === 'proxy' ? 'proxy' : 'direct');
  $('test-decided-by').textContent = result.decided_by || '—';
  // With fallbacks, every proxy in the order a request tries them.
  $('test-proxy').textContent = result.proxies ? result.proxies.join(', then ') : (result.proxy || '—');
  const probe = result.probe;
  $('test-probe-label').hidden = $('test-probe').hidden = !probe;
  if (probe) {
    const line = document.createElement('span');
    line.className = probe.ok ? 'probe-ok' : 'probe-failed';
    line.textContent = probe.ok ? `Reached: HTTP ${probe.status}` : `Failed: ${probe.error}`;
    const detail = document.createTextNode(
      (probe.ok ? '' : ` — ${probe.message || ''}`) + (probe.latency_ms !== undefined ? ` (${probe.latency_ms} ms)` : ''));
    $('test-probe').replaceChildren(line, detail, ...failover(probe));
  }
  $('test-result').hidden = false;
}

/** Which proxy of the list carried the probe, and those passed over with their errors: a line each. */
function failover(probe) {
  if (!probe.proxy_used) return [];
  const lines = [`Through ${probe.proxy_used}`,
    ...(probe.set_aside || []).map(p => `Set aside: ${p.proxy} (${p.error}) — ${p.message}`)];
  return lines.map(text => {
    const line = document.createElement('span');
    line.className = 'probe-failover';
    line.textContent = text;
    return line;
  });
}

function showTargetError(text) {
  const slot = $('target-error');
  slot.textContent = text;
  slot.hidden = false;
  $('target').setAttribute('aria-invalid', 'true');
  $('target').setAttribute('aria-describedby', 'target-error');
}

function clearTargetError() {
  $('target-error').hidden = true;
  $('target-error').textContent = '';
  $('target').removeAttribute('aria-invalid');
  $('target').removeAttribute('aria-describedby');
}
