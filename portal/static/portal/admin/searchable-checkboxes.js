// A filter box above a long list of checkboxes (see portal/page_forms.py).
// Without JavaScript the list stays as it is.
(function () {
  "use strict";

  function setUp(container) {
    var filter = container.querySelector(".searchable-checkboxes__filter");
    var label = container.querySelector(".searchable-checkboxes__label");
    if (!filter || container.dataset.ready) {
      return;
    }
    container.dataset.ready = "true";
    filter.hidden = false;
    label.hidden = false;
    var items = container.querySelectorAll(".searchable-checkboxes__list li li, .searchable-checkboxes__list > div > div, .searchable-checkboxes__list li");
    filter.addEventListener("input", function () {
      var wanted = filter.value.trim().toLocaleLowerCase();
      items.forEach(function (item) {
        if (item.querySelector("li")) {
          return;
        }
        var input = item.querySelector("input");
        var text = item.textContent.toLocaleLowerCase();
        item.hidden = Boolean(wanted) && !(input && input.checked) && text.indexOf(wanted) === -1;
      });
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-searchable-checkboxes]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
  // Panels added later (inline forms) get their filter too.
  document.addEventListener("w-formset:added", setUpAll);
})();
