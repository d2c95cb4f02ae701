// Listing filters in a <details> panel: open beside the results on wide
// screens, closed below them on phones (the summary says how many filters are
// set). Without JavaScript the panel stays open.
(function () {
    "use strict";
    var panels = document.querySelectorAll("details.filters-panel");
    if (!panels.length || !window.matchMedia) {
        return;
    }
    var wide = window.matchMedia("(min-width: 60rem)");
    function apply() {
        Array.prototype.forEach.call(panels, function (panel) {
            panel.open = wide.matches;
        });
    }
    apply();
    if (wide.addEventListener) {
        wide.addEventListener("change", apply);
    }
    // "Filter results" links at the top of the results open the panel.
    Array.prototype.forEach.call(document.querySelectorAll("a.filters-jump"), function (link) {
        link.addEventListener("click", function () {
            var target = document.getElementById(link.getAttribute("href").slice(1));
            if (target && target.tagName === "DETAILS") {
                target.open = true;
            }
        });
    });
})();
