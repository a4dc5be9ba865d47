// Live updates (progressive enhancement): a region marked data-live="/live/..." follows that
// Server-Sent-Events stream; on a change it fetches this same page again and swaps in the fresh
// region, then says "updated" in the polite status region. It never moves focus: while the keyboard
// focus is inside the region, or a form in it has been edited, it only shows "new changes — reload".
// Without JavaScript (or EventSource) the page works as before: reload to see changes.
(function () {
  'use strict';
  var region = document.querySelector('[data-live]');
  if (!region || !region.id || !window.EventSource || !window.fetch || !window.DOMParser) {
    return;
  }
  var status = document.querySelector('[data-live-status]');
  var notice = document.querySelector('[data-live-notice]');
  var dirty = false;
  var timer = null;
  var busy = false;
  var again = false;

  region.addEventListener('input', function () { dirty = true; });
  region.addEventListener('change', function () { dirty = true; });

  function say(text) {
    if (!status || !text) { return; }
    // clear first so the same words are announced again
    status.textContent = '';
    setTimeout(function () { status.textContent = text; }, 50);
  }

  function showNotice() {
    if (notice && notice.hidden) {
      var link = notice.querySelector('a');
      if (link) { link.href = window.location.href; }
      notice.hidden = false;
      say(notice.getAttribute('data-say'));
    }
  }

  function refresh() {
    if (busy) { again = true; return; }
    if (dirty || region.contains(document.activeElement)) { showNotice(); return; }
    busy = true;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) {
        if (!response.ok || response.redirected) { throw new Error('status ' + response.status); }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var fresh = doc.getElementById(region.id);
        if (!fresh) { throw new Error('region missing'); }
        // checked again: the user may have started typing while the page was on its way
        if (dirty || region.contains(document.activeElement)) { showNotice(); return; }
        region.innerHTML = fresh.innerHTML;
        // the fetch was a page visit: every form keeps working with the CSRF token it set
        var token = doc.querySelector('input[name="X-CSRF-Token"]');
        if (token) {
          document.querySelectorAll('input[name="X-CSRF-Token"]').forEach(function (input) { input.value = token.value; });
          document.querySelectorAll('[data-csrf]').forEach(function (el) { el.setAttribute('data-csrf', token.value); });
        }
        say(status && status.getAttribute('data-updated'));
      })
      .catch(function () { showNotice(); })
      .then(function () {
        busy = false;
        if (again) { again = false; schedule(); }
      });
  }

  function schedule() {
    // a burst of changes (a recurring series, a job run) makes one fetch
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }

  var source = new EventSource(region.getAttribute('data-live'));
  source.addEventListener('booking', schedule);
  source.addEventListener('resync', schedule);
  window.addEventListener('pagehide', function () { source.close(); });
}());
