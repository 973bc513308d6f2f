/* Campaign state and copy buttons. The build wrote the state as of its own day; this redoes it
   with the reader's date, so a page built in December is right in January. Nothing is stored. */
(function () {
  'use strict';
  var DAY = 86400000;

  function dayNumber(iso) { var p = iso.split('-'); return Date.UTC(+p[0], p[1] - 1, +p[2]) / DAY; }
  function pad(n) { return (n < 10 ? '0' : '') + n; }

  var now = new Date();
  var todayIso = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
  var today = dayNumber(todayIso);
  var lang = document.documentElement.lang;
  // Counts in the digits the build used (CLDR's default numbering system for the language).
  function number(n) {
    try {
      var digits = document.documentElement.getAttribute('data-numbering') || 'latn';
      return new Intl.NumberFormat(lang, { numberingSystem: digits }).format(n);
    } catch (e) { return String(n); }
  }

  function stateOf(el) {
    var starts = dayNumber(el.dataset.starts), ends = dayNumber(el.dataset.ends);
    if (today < starts) {
      var n = starts - today, rule = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang).select(n) : 'other';
      return { phase: 'upcoming', text: (el.dataset['upcoming' + rule[0].toUpperCase() + rule.slice(1)] || el.dataset.upcomingOther).replace('{n}', number(n)) };
    }
    if (today > ends) return { phase: 'past', text: el.dataset.past };
    return { phase: 'live', text: el.dataset.live.replace('{n}', number(today - starts + 1)).replace('{total}', number(ends - starts + 1)) };
  }

  document.querySelectorAll('[data-campaign-state]').forEach(function (el) {
    var state = stateOf(el);
    (el.querySelector('[data-state-text]') || el).textContent = state.text;
    el.className = el.className.replace(/campaign-state--\w+/, 'campaign-state--' + state.phase);
    if (el.classList.contains('campaign-banner') && state.phase === 'past') el.hidden = true;
    if (el.classList.contains('campaign-state')) markToday(state.phase === 'live');
  });

  // Today's action: highlighted in the calendar, and announced as the current date.
  function markToday(isLive) {
    document.querySelectorAll('.month td[data-date], .actions__item[data-date]').forEach(function (cell) {
      var isToday = isLive && cell.dataset.date === todayIso;
      cell.classList.toggle('is-today', isToday);
      if (isToday) cell.setAttribute('aria-current', 'date'); else cell.removeAttribute('aria-current');
    });
  }

  // Copy buttons: shown only where the script runs; without it the text is there to select.
  document.querySelectorAll('[data-copy]').forEach(function (button) {
    var source = document.getElementById(button.dataset.copy);
    var status = button.parentNode.querySelector('[role=status]');
    button.hidden = false;
    button.parentNode.querySelector('.post__by-hand').hidden = true;
    button.addEventListener('click', function () {
      var text = source.textContent.replace(/\s+/g, ' ').trim();
      var done = function () { status.textContent = button.dataset.copied; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { selectText(source); });
      } else {
        selectText(source);
        if (document.execCommand('copy')) done();
      }
    });
  });

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
}());
