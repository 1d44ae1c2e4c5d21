// The liaison's pages: "select every officer on this page" and a confirmation before a
// withdrawal. Both are enhancements; the forms work without them.
(function () {
  "use strict";

  var selectAll = document.getElementById("select-all");
  if (selectAll) {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(".select-officer"));
    selectAll.hidden = boxes.length === 0;
    var sync = function () {
      var checked = boxes.filter(function (box) { return box.checked; }).length;
      selectAll.checked = checked > 0 && checked === boxes.length;
      selectAll.indeterminate = checked > 0 && checked < boxes.length;
    };
    selectAll.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = selectAll.checked; });
    });
    boxes.forEach(function (box) { box.addEventListener("change", sync); });
    sync();
  }

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  });
})();
