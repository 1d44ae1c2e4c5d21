// Roster import progress: reload the page every two seconds while the import is running.
(function () {
  "use strict";
  var box = document.getElementById("roster-progress");
  if (!box || box.getAttribute("data-busy") !== "1") {
    return;
  }
  window.setTimeout(function () {
    window.location.reload();
  }, 2000);
})();
