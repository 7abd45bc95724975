// After Back or Forward, htmx restores the rows of that address; the filter controls are set to match it (a
// restored page keeps only what the server first drew, so they would show the first filters, not these).
document.addEventListener("htmx:historyRestore", function () {
  var query = new URLSearchParams(window.location.search);
  document.querySelectorAll("form.filters select, form.filters input").forEach(function (field) {
    if (field.name) { field.value = query.get(field.name) || ""; }
  });
});
