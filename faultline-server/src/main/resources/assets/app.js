// Faultline pages: the theme toggle (light, dark, or the system's), and nothing else that a page needs to work.
(function () {
  var KEY = "faultline-theme";
  function apply(theme) {
    if (theme === "light" || theme === "dark") document.documentElement.setAttribute("data-theme", theme);
    else document.documentElement.removeAttribute("data-theme");
  }
  try { apply(localStorage.getItem(KEY)); } catch (e) { /* storage may be off: follow the system */ }
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    function current() {
      var set = document.documentElement.getAttribute("data-theme");
      if (set) return set;
      return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
    }
    function label() {
      var dark = current() === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.textContent = dark ? "☀ Light theme" : "☾ Dark theme";
    }
    label();
    if (window.matchMedia) window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", label);
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      apply(next);
      try { localStorage.setItem(KEY, next); } catch (e) { /* the choice lasts this page only */ }
      label();
    });
  });
})();
