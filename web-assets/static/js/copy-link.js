// Copy buttons for one-time links: shown only when the Clipboard API exists; without it the read-only field can be copied by hand.
(function () {
  'use strict';
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    if (!field || !navigator.clipboard) {
      return;
    }
    var status = button.parentNode.querySelector('.copy-status');
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) {
          status.textContent = button.getAttribute('data-copied');
        }
      }, function () {
        field.select();
      });
    });
  });
}());
