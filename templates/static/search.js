/* The search page: runs the words in ?q= through Pagefind's index of the page's language and
   shows the matches as plain links with excerpts, built with DOM methods (no inline style, no
   innerHTML). Pagefind's files come from this site's own pagefind/ folder; nothing else is asked,
   and nothing is stored. Without this script the page lists every page instead. */
(function () {
  'use strict';
  var root = document.getElementById('search');
  if (!root || !window.WebAssembly) return;
  var form = root.querySelector('form');
  var field = document.getElementById('search-q');
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var notice = document.getElementById('search-no-js');
  var words = (new URLSearchParams(location.search).get('q') || '').trim();
  var SHOWN = 20;

  form.hidden = false;
  field.value = words;
  notice.hidden = true;

  // An excerpt is Pagefind's text with <mark> around the words found: keep those, as text.
  function excerpt(html) {
    var parsed = new DOMParser().parseFromString(html, 'text/html').body;
    var paragraph = document.createElement('p');
    paragraph.className = 'article-item__summary';
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === 'MARK') {
        var mark = document.createElement('mark');
        mark.textContent = node.textContent;
        paragraph.appendChild(mark);
      } else {
        paragraph.appendChild(document.createTextNode(node.textContent));
      }
    });
    return paragraph;
  }

  function item(data) {
    var entry = document.createElement('li');
    entry.className = 'article-item';
    var title = document.createElement('h2');
    title.className = 'article-item__title';
    var link = document.createElement('a');
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    title.appendChild(link);
    entry.appendChild(title);
    entry.appendChild(excerpt(data.excerpt || ''));
    return entry;
  }

  function show(results) {
    list.replaceChildren.apply(list, results.map(item));
    list.hidden = results.length === 0;
    status.textContent = results.length ? '' : root.getAttribute('data-none');
  }

  // The index of a large site comes in parts: the first is loaded, the others merged into it.
  var parts = (root.getAttribute('data-parts') || '').split(' ').filter(Boolean);
  var base = { baseUrl: root.getAttribute('data-base') };
  if (!words || !parts.length) return;
  import(parts[0] + 'pagefind.js')
    .then(function (pagefind) {
      return pagefind.options(base)
        .then(function () { return pagefind.init(); })
        .then(function () {
          return Promise.all(parts.slice(1).map(function (part) {
            return pagefind.mergeIndex(part, base);
          }));
        })
        .then(function () { return pagefind.search(words); });
    })
    .then(function (search) {
      return Promise.all(search.results.slice(0, SHOWN).map(function (r) { return r.data(); }));
    })
    .then(show)
    .catch(function () { notice.hidden = false; });  // no index: the list below still works
})();
