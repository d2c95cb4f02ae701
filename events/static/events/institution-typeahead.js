// Suggests directory institutions while the person types (native <datalist>,
// so it stays usable by keyboard and screen readers; free text still works).
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.dataset.url;
  var input = document.querySelector("[data-institution-search]");
  var list = document.getElementById("institution-options");
  if (!url || !input || !list) { return; }
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    var query = input.value.trim();
    if (query.length < 2 || query === last) { return; }
    clearTimeout(timer);
    timer = setTimeout(function () {
      last = query;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.results.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.name;
            if (item.city) { option.label = item.name + " (" + item.city + ")"; }
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
}());
