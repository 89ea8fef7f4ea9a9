// Progressive enhancement only: every page works without this file.
// Moves focus to the error summary after a failed submit, so screen readers announce it (KWCAG 3.4).
document.addEventListener('DOMContentLoaded', function () {
  var summary = document.getElementById('error-summary');
  if (summary) summary.focus();
});
