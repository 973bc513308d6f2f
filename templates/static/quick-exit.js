/* Quick exit: the link works without JavaScript; this adds Shift x3 and leaves without a
   history entry. No storage, no network, nothing that could leave a trace. */
(function () {
  'use strict';
  var root = document.documentElement;
  var link = document.getElementById('quick-exit');
  var area = document.getElementById('quick-exit-area');
  var status = document.getElementById('quick-exit-status');
  if (!link || !area) return;

  var presses = 0, last = 0, clean = false;

  function say(text) { if (status) status.textContent = text || ''; }

  function reset() { presses = 0; say(''); }

  function exit() {
    // Blank the page first: on a slow connection the next page may take seconds to arrive.
    root.classList.add('is-exiting');
    // replace(), not assign(): Back must never return here, and history.length must not grow.
    window.location.replace(link.href);
  }

  link.addEventListener('click', function (event) {
    event.preventDefault();
    exit();
  });

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
    if (event.key !== 'Shift' || !clean) return;
    clean = false;
    var now = Date.now();
    // Presses more than 5 s apart are not one deliberate gesture: start again.
    presses = presses && now - last <= 5000 ? presses + 1 : 1;
    last = now;
    if (presses >= 3) return exit();
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
