/* Root language chooser: suggest (never force) the reader's own language by putting it first. */
(function () {
  'use strict';
  var links = Array.prototype.slice.call(document.querySelectorAll('a.chooser__language[data-lang]'));
  var wanted = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || ''];
  var primary = function (tag) { return tag.toLowerCase().split('-')[0]; };

  function find(tag) {
    tag = String(tag).toLowerCase();
    if (!tag) return null;
    // An exact tag (es-MX) beats a shared primary subtag (es).
    return links.filter(function (a) { return a.getAttribute('data-lang').toLowerCase() === tag; })[0] ||
      links.filter(function (a) { return primary(a.getAttribute('data-lang')) === primary(tag); })[0] || null;
  }

  for (var i = 0; i < wanted.length; i++) {
    var match = find(wanted[i]);
    if (!match) continue;
    match.classList.add('is-suggested');
    var item = match.closest('li');
    if (item && item.parentNode) item.parentNode.insertBefore(item, item.parentNode.firstElementChild);
    return;
  }
}());
