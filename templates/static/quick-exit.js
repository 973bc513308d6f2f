/* Quick exit: the link works without JavaScript; this adds Shift x3 and leaves without a
   history entry. No storage, no network, nothing that could leave a trace. */
(function () {
  'use strict';
  // The listeners are on the document and find the page's elements when they fire, and they
  // are added once: the preview (build.py serve) puts an edited page's new content in place and
  // runs the page's scripts again.
  if (window.lanternQuickExit) return;
  window.lanternQuickExit = true;
  var root = document.documentElement;
  var presses = 0, last = 0, clean = false;

  function byId(id) { return document.getElementById(id); }

  function say(text) {
    var status = byId('quick-exit-status');
    if (status) status.textContent = text || '';
  }

  function reset() { presses = 0; say(''); }

  function exit(link) {
    // Blank the page first: on a slow connection the next page may take seconds to arrive.
    root.classList.add('is-exiting');
    // replace(), not assign(): Back must never return here, and history.length must not grow.
    window.location.replace(link.href);
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest ? event.target.closest('#quick-exit') : null;
    if (!link) return;
    event.preventDefault();
    exit(link);
  }, true);

  // A press counts only if Shift went down and up alone, so typing capitals (Shift+A) never exits.
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Shift') {
      if (!event.repeat) clean = true;
      return;
    }
    clean = false;
    reset();
  }, true);

  document.addEventListener('keyup', function (event) {
    var link = byId('quick-exit'), area = byId('quick-exit-area');
    if (event.key !== 'Shift' || !clean || !link || !area) return;
    clean = false;
    var now = Date.now();
    // Presses more than 5 s apart are not one deliberate gesture: start again.
    presses = presses && now - last <= 5000 ? presses + 1 : 1;
    last = now;
    if (presses >= 3) return exit(link);
    say(presses === 1 ? area.getAttribute('data-two-left') : area.getAttribute('data-one-left'));
  }, true);

  // Restored from the back/forward cache: show the page again instead of a blank screen.
  window.addEventListener('pageshow', function (event) {
    if (!event.persisted) return;
    root.classList.remove('is-exiting');
    clean = false;
    reset();
  });
}());
