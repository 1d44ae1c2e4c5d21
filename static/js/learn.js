// The lesson clock (curriculum/services/clock.py). The server measures the time: this page
// pings it while the lesson is visible (Page Visibility API) and the officer has been active
// in the last few minutes, shows the countdown between pings, and says why the clock stops.
// Without this script the lesson still works: the server counts the time between page views.
(function () {
  "use strict";
  var box = document.getElementById("lesson-clock");
  if (!box) {
    return;
  }
  var countdown = document.getElementById("lesson-countdown");
  var status = document.getElementById("lesson-clock-state");
  var claimForm = document.getElementById("lesson-claim");
  var csrf = claimForm.querySelector("input[name=csrfmiddlewaretoken]").value;
  var url = box.getAttribute("data-url");
  var pingMs = parseInt(box.getAttribute("data-ping-seconds"), 10) * 1000;
  var activeMs = parseInt(box.getAttribute("data-active-seconds"), 10) * 1000;
  var secondsLeft = parseInt(box.getAttribute("data-seconds-left"), 10) || 0;
  var state = box.getAttribute("data-state");
  var lastActivity = Date.now();
  var lastTick = Date.now();
  var lastSaid = "";
  var holder = "";

  function text(name) {
    return box.getAttribute("data-text-" + name) || "";
  }

  function duration(seconds) {
    var s = seconds % 60;
    return Math.floor(seconds / 60) + " min " + (s < 10 ? "0" : "") + s + " s";
  }

  function visible() {
    return document.visibilityState === "visible";
  }

  function active() {
    var video = document.querySelector("video");
    return Date.now() - lastActivity < activeMs || (video && !video.paused);
  }

  function reason() {
    if (state === "other_lesson") {
      return text("other").replace("%(title)s", holder);
    }
    if (state === "offline") {
      return text("offline");
    }
    if (!visible()) {
      return text("hidden");
    }
    if (!active()) {
      return text("away");
    }
    return secondsLeft > 0 ? text("counting") : "";
  }

  function render() {
    countdown.textContent = secondsLeft > 0
      ? text("left").replace("%(time)s", duration(secondsLeft))
      : text("ready");
    var said = reason();
    if (said !== lastSaid) {
      status.textContent = said;  // a live region: spoken only when the reason changes
      lastSaid = said;
    }
    claimForm.hidden = state !== "other_lesson";
  }

  function apply(data) {
    state = data.state;
    holder = data.holder_title || "";
    secondsLeft = data.seconds_left;
    render();
  }

  function beat(claim) {
    var body = new FormData();
    if (claim) {
      body.append("claim", "1");
    }
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" },
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    }).then(apply).catch(function () {
      state = "offline";
      render();
    });
  }

  ["scroll", "keydown", "pointerdown", "pointermove", "touchstart", "wheel"].forEach(function (name) {
    window.addEventListener(name, function () {
      var wasAway = !active();
      lastActivity = Date.now();
      if (wasAway && visible()) {
        beat(false);
      }
    }, { passive: true });
  });

  document.addEventListener("visibilitychange", function () {
    if (visible()) {
      beat(false);  // back in view: the clock resumes from now
    }
    render();
  });

  claimForm.addEventListener("submit", function (event) {
    event.preventDefault();
    beat(true);
  });

  window.setInterval(function () {
    if (visible() && active() && state !== "other_lesson") {
      beat(false);
    }
  }, pingMs);

  window.setInterval(function () {
    var now = Date.now();
    var elapsed = Math.round((now - lastTick) / 1000);
    lastTick = now;
    var counting = state === "counting" || state === "resumed";
    if (counting && visible() && active() && secondsLeft > 0) {
      secondsLeft = Math.max(0, secondsLeft - elapsed);
    }
    render();
  }, 1000);

  render();
})();
