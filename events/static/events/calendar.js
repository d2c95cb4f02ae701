// "Copy address" for the personal calendar feed on My account. The button is
// hidden until this script runs, so it never shows without working.
(function () {
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!input || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(input.value).then(function () {
        if (status) {
          status.textContent = button.getAttribute("data-copied-text");
        }
      });
    });
  });
})();
