// Batch page: follow progress through the JSON API, and refresh the shortlist while resumes finish.
(function () {
  "use strict";
  var card = document.getElementById("progress");
  if (!card || card.dataset.done === "yes") { return; }
  var url = card.dataset.pollUrl;
  var bar = document.getElementById("batch-progress");
  var pct = document.getElementById("progress-pct");
  var text = document.getElementById("progress-text");
  var shown = Number(card.dataset.finished);
  var delay = 800;

  function describe(p, done) {
    var words = done ? "All " + p.total + " analysed" : p.finished + " of " + p.total + " analysed";
    if (p.failed) { words += " · " + p.failed + " could not be read"; }
    return words + ".";
  }

  // Swap in the shortlist as the server renders it now (same filters, same sort).
  function refreshResults() {
    return fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("results");
        var current = document.getElementById("results");
        if (fresh && current) { current.replaceWith(document.importNode(fresh, true)); }
      });
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (body) {
        var p = body.progress;
        var done = body.status === "done";
        bar.max = Math.max(p.total, 1);
        bar.value = p.finished;
        pct.textContent = Math.round(100 * p.finished / Math.max(p.total, 1)) + "%";
        var words = describe(p, done);
        if (text.textContent.trim() !== words) { text.textContent = words; }
        var next = p.finished !== shown ? refreshResults() : Promise.resolve();
        shown = p.finished;
        return next.then(function () {
          if (done) {
            card.dataset.done = "yes";
            return;
          }
          delay = Math.min(delay * 1.2, 3000);
          window.setTimeout(poll, delay);
        });
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, delay);
}());

// Blind review applies as soon as it is toggled.
(function () {
  "use strict";
  var blind = document.getElementById("blind");
  if (blind) { blind.addEventListener("change", function () { blind.form.submit(); }); }
}());
