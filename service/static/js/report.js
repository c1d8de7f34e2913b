// Report page while the analysis runs: ask the API for the job's status and reload once it is finished.
(function () {
  "use strict";
  var box = document.getElementById("pending");
  if (!box) { return; }
  var url = box.dataset.pollUrl;
  var line = document.getElementById("poll-status");
  var delay = 700;
  var words = { queued: "Waiting for a worker…", processing: "Reading the file and scoring it…" };

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        if (job.status === "done" || job.status === "failed") {
          line.textContent = job.status === "done" ? "Ready. Loading the report…" : "Finished.";
          window.location.reload();
          return;
        }
        if (words[job.status] && line.textContent !== words[job.status]) { line.textContent = words[job.status]; }
        delay = Math.min(delay * 1.3, 3000);
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        line.textContent = "Still working… (lost touch with the server; retrying)";
        window.setTimeout(poll, 3000);
      });
  }
  window.setTimeout(poll, delay);
}());
