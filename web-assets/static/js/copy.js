// Progressive enhancement: a "copy" button next to a read-only field (the field alone works without script).
(function () {
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    var field = document.getElementById(button.getAttribute('data-copy'));
    if (!field || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(function () {
        var done = button.parentNode.querySelector('[data-copied]');
        if (done) {
          done.hidden = false;
        }
      });
    });
  });
  document.querySelectorAll('.copy-source').forEach(function (field) {
    field.addEventListener('focus', function () { field.select(); });
  });
})();
