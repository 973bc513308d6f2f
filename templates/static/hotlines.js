/* Hotline directory: filters, and an "open now" badge computed in each hotline's own time zone.
   The page is complete without this script; it never stores anything or asks the network. */
(function () {
  'use strict';
  var DAYS = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
  var SHORT = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };
  var form = document.getElementById('hotline-filters');
  // The digits the build wrote numbers in (CLDR's default for the page's language).
  var digits = document.documentElement.getAttribute('data-numbering') || 'latn';
  function number(n) { return new Intl.NumberFormat(document.documentElement.lang, { numberingSystem: digits }).format(n); }

  // The weekday (0 = Monday) and minutes since midnight in `zone`, from the reader's own clock.
  function nowIn(zone) {
    var parts = {};
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'
    }).formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
    return { day: SHORT[parts.weekday], minutes: (+parts.hour % 24) * 60 + +parts.minute };
  }

  function minutes(hhmm) { var t = hhmm.split(':'); return +t[0] * 60 + +t[1]; }

  // "mo,tu 09:00-17:00;sa 10:00-14:00" -> ranges; a close before the open runs past midnight.
  function parse(spec) {
    return spec.split(';').map(function (part) {
      var bits = part.split(' '), times = bits[1].split('-');
      return { days: bits[0].split(',').map(function (d) { return DAYS.indexOf(d); }),
               opens: minutes(times[0]), closes: minutes(times[1]) };
    });
  }

  // 540 -> "9:00 AM" / "9:00", as the page's language writes a time (the hours line does too).
  function timeText(minutesOfDay) {
    var at = new Date(Date.UTC(2000, 0, 3, Math.floor(minutesOfDay / 60), minutesOfDay % 60));
    return new Intl.DateTimeFormat(document.documentElement.lang, {
      hour: 'numeric', minute: '2-digit', timeZone: 'UTC', numberingSystem: digits
    }).format(at);
  }

  function isOpen(ranges, now) {
    return ranges.some(function (r) {
      var yesterday = (now.day + 6) % 7;
      if (r.closes > r.opens) {
        return r.days.indexOf(now.day) >= 0 && now.minutes >= r.opens && now.minutes < r.closes;
      }
      return (r.days.indexOf(now.day) >= 0 && now.minutes >= r.opens) ||
             (r.days.indexOf(yesterday) >= 0 && now.minutes < r.closes);
    });
  }

  // The next opening within a week: [day index, "09:00"].
  function nextOpening(ranges, now) {
    for (var ahead = 0; ahead < 8; ahead++) {
      var day = (now.day + ahead) % 7, best = null;
      ranges.forEach(function (r) {
        var later = ahead > 0 || r.opens > now.minutes;
        if (r.days.indexOf(day) >= 0 && later && (!best || r.opens < best.opens)) best = r;
      });
      if (best) return [day, timeText(best.opens)];
    }
    return null;
  }

  function badge(item) {
    var spec = item.getAttribute('data-hours'), status = item.querySelector('.channel__status');
    var words = item.closest('.hotline');  // carries the badge's words in the page's language
    if (!spec || !status || !words) return;
    var open = spec === '24/7', now = null, ranges = null;
    if (!open) {
      ranges = parse(spec);
      now = nowIn(item.getAttribute('data-timezone'));
      open = isOpen(ranges, now);
    }
    var text = words.getAttribute('data-open-now');
    if (!open) {
      var next = nextOpening(ranges, now), days = words.getAttribute('data-days').split(',');
      text = next ? words.getAttribute('data-closed-opens').replace('{day}', days[next[0]])
        .replace('{time}', next[1]) : words.getAttribute('data-closed');
    }
    status.textContent = text;
    status.className = 'channel__status ' + (open ? 'is-open' : 'is-closed');
    status.hidden = false;
  }

  function filter() {
    var chosen = {};
    ['area', 'language', 'topic'].forEach(function (name) { chosen[name] = form.elements[name].value; });
    var cards = document.querySelectorAll('.hotline'), shown = 0;
    Array.prototype.forEach.call(cards, function (card) {
      var keep = (!chosen.area || card.getAttribute('data-area') === chosen.area) &&
        (!chosen.language || card.getAttribute('data-languages').split('|').indexOf(chosen.language) >= 0) &&
        (!chosen.topic || card.getAttribute('data-topics').split('|').indexOf(chosen.topic) >= 0);
      card.hidden = !keep;
      if (keep) shown++;
    });
    Array.prototype.forEach.call(document.querySelectorAll('.hotline-group'), function (group) {
      group.hidden = !group.querySelector('.hotline:not([hidden])');
    });
    form.querySelector('.filters__count').textContent = form.getAttribute('data-shown')
      .replace('{shown}', number(shown)).replace('{total}', number(cards.length));
  }

  Array.prototype.forEach.call(document.querySelectorAll('.hotline__channel[data-hours]'), badge);
  if (form) {
    form.hidden = false;
    form.addEventListener('change', filter);
    // After the reset has put every select back, show everything again.
    form.addEventListener('reset', function () { setTimeout(filter, 0); });
  }
}());
