// Lesson page: count down to when the lesson may be marked done, then say so once.
// The server decides; this only saves an officer a rejected click.
(function () {
  "use strict";
  var wait = document.getElementById("lesson-wait");
  var status = document.getElementById("lesson-status");
  if (!wait || !status) {
    return;
  }
  var secondsLeft = parseInt(wait.getAttribute("data-seconds-left"), 10);
  if (!(secondsLeft > 0)) {
    return;
  }
  var readyAt = Date.now() + secondsLeft * 1000;
  var timer = window.setInterval(function () {
    if (Date.now() >= readyAt) {
      window.clearInterval(timer);
      wait.textContent = wait.getAttribute("data-ready-text");
      status.textContent = wait.getAttribute("data-ready-text");
    }
  }, 1000);
})();
