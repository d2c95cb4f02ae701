// Keep shared directory URLs short: fields left at "any" are not sent.
(function () {
    var form = document.querySelector("form.directory-filters");
    if (!form) {
        return;
    }
    form.addEventListener("submit", function () {
        var fields = form.querySelectorAll("input, select");
        for (var i = 0; i < fields.length; i++) {
            var field = fields[i];
            var isDefaultSort = field.name === "sort" && field.value === "name";
            if ((field.value === "" || isDefaultSort) && field.type !== "checkbox") {
                field.disabled = true;
            }
        }
        // Re-enable after submit so that going back shows a usable form.
        window.setTimeout(function () {
            for (var j = 0; j < fields.length; j++) {
                fields[j].disabled = false;
            }
        }, 0);
    });
})();
