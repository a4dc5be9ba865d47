// Eligibility feedback as one types (wizard steps 2 and 3). After a pause in typing, the step's
// form is sent to the server, which checks it WITHOUT saving and answers each rule with its verdict
// and reason in the page's language; this script rewrites the aria-live panel with them. Without
// JavaScript the same panel is rendered from the saved draft on every save. The form's CSRF token
// rotates on each POST, so the fields are updated with the token the answer carries.
(function () {
  'use strict';
  var form = document.querySelector('form[data-eligibility-check]');
  var panel = document.getElementById('eligibility-live');
  if (!form || !panel || !window.fetch || !window.URLSearchParams) {
    return;
  }
  var url = form.getAttribute('data-eligibility-check');
  var step = form.getAttribute('data-step');
  var summary = panel.querySelector('[data-live-summary]');
  var note = panel.querySelector('[data-live-note]');
  var rules = panel.querySelector('[data-live-rules]');
  var DELAY_MS = 700;
  var timer = null;
  var inFlight = false;
  var again = false;
  var submitting = false;

  function text(tag, value) {
    var el = document.createElement(tag);
    el.textContent = value;
    return el;
  }

  function verdict(passed, answer) {
    var td = document.createElement('td');
    var icon = text('span', passed ? '✓' : '✗');
    icon.setAttribute('aria-hidden', 'true');
    var wrap = passed ? td : td.appendChild(document.createElement('strong'));
    wrap.appendChild(icon);
    wrap.appendChild(document.createTextNode(' ' + (passed ? answer.passText : answer.failText)));
    return td;
  }

  function render(answer) {
    summary.textContent = '';
    var icon = text('span', answer.eligible ? '✓' : '✗');
    icon.setAttribute('aria-hidden', 'true');
    summary.appendChild(icon);
    summary.appendChild(document.createTextNode(' '));
    summary.appendChild(text('strong', answer.summary));
    note.textContent = answer.note || '';
    note.hidden = !answer.note;
    rules.textContent = '';
    answer.rules.forEach(function (rule) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-rule', rule.code);
      var th = text('th', rule.label);
      th.setAttribute('scope', 'row');
      tr.appendChild(th);
      tr.appendChild(verdict(rule.passed, answer));
      tr.appendChild(text('td', rule.message));
      rules.appendChild(tr);
    });
  }

  function updateTokens(token) {
    if (!token) {
      return;
    }
    document.querySelectorAll('input[name="X-CSRF-Token"]').forEach(function (input) {
      input.value = token;
    });
  }

  function check() {
    if (submitting) {
      return;
    }
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    var body = new URLSearchParams(new FormData(form));
    body.set('step', step);
    body.delete('action');
    fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept': 'application/json' },
      body: body.toString()
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      return response.json();
    }).then(function (answer) {
      updateTokens(answer.csrf);
      render(answer);
    }).catch(function () {
      note.textContent = panel.getAttribute('data-failed') || '';
      note.hidden = !note.textContent;
    }).then(function () {
      inFlight = false;
      if (again) {
        again = false;
        schedule();
      }
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(check, DELAY_MS);
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', function () {
    submitting = true;
    clearTimeout(timer);
  });
})();
