// Upload page: drag and drop onto the drop zone, list the chosen files, refuse what is too large
// before sending it, and say whether the upload is one report or a batch.
(function () {
  "use strict";
  var form = document.querySelector(".upload-form");
  if (!form) { return; }
  var input = form.querySelector("#files");
  var zone = form.querySelector("#dropzone");
  var list = form.querySelector("#file-list");
  var summary = form.querySelector("#file-summary");
  var button = form.querySelector("#submit-upload");
  var status = form.querySelector("#upload-status");
  var maxUpload = Number(form.dataset.maxUpload);
  var maxBatch = Number(form.dataset.maxBatch);
  var signedIn = form.dataset.signedIn === "yes";

  function size(bytes) {
    if (bytes < 1024) { return bytes + " B"; }
    if (bytes < 1024 * 1024) { return (bytes / 1024).toFixed(0) + " KB"; }
    return (bytes / (1024 * 1024)).toFixed(1) + " MB";
  }

  function isZip(file) { return /\.zip$/i.test(file.name); }

  // The files as the server will see them: too large ones are refused here with the API's message.
  function problems(files) {
    var found = [];
    var total = 0;
    Array.prototype.forEach.call(files, function (file) {
      total += file.size;
      if (!isZip(file) && file.size > maxUpload) { found.push({ file: file, code: "too_large", message: form.dataset.tooLarge }); }
    });
    return { list: found, total: total };
  }

  function render() {
    var files = input.files || [];
    list.textContent = "";
    var checked = problems(files);
    Array.prototype.forEach.call(files, function (file) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = file.name;
      item.appendChild(name);
      checked.list.forEach(function (problem) {
        if (problem.file === file) {
          item.classList.add("is-bad");
          var note = document.createElement("span");
          note.className = "problem";
          note.textContent = problem.code + ": " + problem.message;
          item.appendChild(note);
        }
      });
      var bytes = document.createElement("span");
      bytes.className = "size";
      bytes.textContent = size(file.size);
      item.appendChild(bytes);
      list.appendChild(item);
    });
    var batch = files.length > 1 || (files.length === 1 && isZip(files[0]));
    if (!files.length) {
      summary.textContent = "";
      button.textContent = "Analyse";
    } else if (batch && !signedIn) {
      // A batch needs a key: say so with a way to sign in, and do not offer a button that would fail.
      summary.textContent = (files.length === 1 ? "An archive" : files.length + " files") +
        " make a batch, and screening a batch needs an API key: ";
      var link = document.createElement("a");
      link.href = form.dataset.signinUrl;
      link.className = "signin-link";
      link.textContent = "sign in first";
      summary.appendChild(link);
      summary.appendChild(document.createTextNode(", then choose the files again (or choose one resume: that needs no key)."));
      button.textContent = "Sign in to screen " + (files.length === 1 ? "the archive" : files.length + " resumes");
    } else if (batch) {
      summary.textContent = files.length + (files.length === 1 ? " archive" : " files") +
        ": they will be screened as a batch.";
      button.textContent = "Screen " + (files.length === 1 ? "the archive" : files.length + " resumes");
    } else {
      summary.textContent = "1 file: you will see its report.";
      button.textContent = "Analyse resume";
    }
    var blocked = (!batch && checked.list.length > 0) || checked.total > maxBatch || (batch && !signedIn);
    if (checked.total > maxBatch) { summary.textContent = form.dataset.batchTooLarge; }
    button.disabled = blocked;
  }

  input.addEventListener("change", render);

  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add("is-dragging");
    });
  });
  ["dragleave", "dragend"].forEach(function (type) {
    zone.addEventListener(type, function () { zone.classList.remove("is-dragging"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("is-dragging");
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      render();
    }
  });

  form.addEventListener("submit", function (event) {
    if (button.disabled) { event.preventDefault(); return; }
    button.disabled = true;
    status.textContent = "Uploading…";
  });

  // Coming back with the browser's back button must not leave the button disabled.
  window.addEventListener("pageshow", function () { status.textContent = ""; render(); });
  render();
}());
