/* The preview's page swap: served by `build.py serve` only, never part of a built site.

   After each rebuild the server tells the open pages to reload. When only a page's content
   changed, this fetches the page again and puts its new body in place of the old one, then runs
   the site's scripts again on it: the edit shows in about half the time a reload takes, and the
   reader keeps their place. Anything else reloads the page: a changed stylesheet, script or
   <head> (a failed build's problem box comes with its stylesheet), a page gone or moved.
   A plugin of livereload.js, which picks up every window.LiveReloadPlugin* when it starts. */
(function () {
  'use strict';
  var running = false, again = false, leaving = false;

  // What must stay the same for the new content to go under the old head.
  function frame(doc) {
    var root = doc.documentElement;
    var kept = Array.prototype.filter.call(doc.head.children, function (element) {
      return element.tagName !== 'TITLE';
    });
    return [root.lang, root.dir].concat(kept.map(function (element) {
      return element.outerHTML;
    })).join('\n');
  }

  // The site's scripts, in the page's order, as if the page had loaded (the preview's own are
  // running already). A script inserted this way runs every time; it comes from the cache.
  function runScripts() {
    var scripts = document.querySelectorAll('head script[src]:not([data-lantern-preview])');
    Array.prototype.forEach.call(scripts, function (old) {
      var script = document.createElement('script');
      script.src = old.src;
      script.async = false;
      document.body.appendChild(script);
    });
  }

  function reload() {
    leaving = true;
    window.location.reload();
  }

  function show(text) {
    var next = new DOMParser().parseFromString(text, 'text/html');
    if (frame(next) !== frame(document)) return reload();
    document.title = next.title;
    document.body.replaceWith(document.importNode(next.body, true));
    runScripts();
  }

  function swap() {
    if (leaving) return;
    if (running) {
      again = true;  // a rebuild finished while the page was being fetched: fetch it once more
      return;
    }
    running = true;
    fetch(window.location.href, { cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        var type = response.headers.get('Content-Type') || '';
        if (!response.ok || response.redirected || type.indexOf('text/html') !== 0) {
          throw new Error('not this page');
        }
        return response.text();
      })
      .then(show)
      .catch(reload)
      .then(function () {
        running = false;
        if (again) {
          again = false;
          swap();
        }
      });
  }

  function LanternSwap() {}
  LanternSwap.identifier = 'lantern-swap';
  LanternSwap.version = '1.0';
  LanternSwap.prototype.reload = function () {
    swap();
    return true;  // handled: livereload.js does not reload the page itself
  };
  window.LiveReloadPluginLanternSwap = LanternSwap;
}());
