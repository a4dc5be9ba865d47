// Warns two minutes before the sign-in expires and lets the user extend it (KWCAG: timeouts warn
// and can be extended). Pages work without this script; it only adds the warning.
(function () {
  'use strict';
  var body = document.body;
  var expiresAttr = body.getAttribute('data-session-expires');
  var box = document.getElementById('session-warning');
  if (!expiresAttr || !box || !window.fetch) {
    return;
  }
  var WARN_BEFORE_MS = 2 * 60 * 1000;
  var expiresAt = Date.parse(expiresAttr);
  var button = box.querySelector('[data-action="extend"]');
  var timers = [];

  function show(state) {
    box.querySelectorAll('[data-when]').forEach(function (el) {
      el.hidden = el.getAttribute('data-when') !== state;
    });
    button.hidden = state === 'expired';
    box.hidden = false;
  }

  function schedule() {
    timers.forEach(clearTimeout);
    var now = Date.now();
    timers = [
      setTimeout(function () { show('expiring'); button.focus(); }, Math.max(0, expiresAt - WARN_BEFORE_MS - now)),
      setTimeout(function () { show('expired'); }, Math.max(0, expiresAt - now))
    ];
  }

  button.addEventListener('click', function () {
    fetch('/session/extend', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': button.getAttribute('data-csrf'), 'Accept': 'application/json' }
    }).then(function (response) {
      if (!response.ok) { throw new Error('status ' + response.status); }
      return response.json();
    }).then(function (answer) {
      expiresAt = Date.parse(answer.expiresAt);
      // the used CSRF token was replaced: give every form on the page the new one
      document.querySelectorAll('input[name="X-CSRF-Token"]').forEach(function (input) { input.value = answer.csrf; });
      button.setAttribute('data-csrf', answer.csrf);
      box.hidden = true;
      schedule();
    }).catch(function () {
      show('expired');
    });
  });

  schedule();
}());
