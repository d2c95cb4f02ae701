/* Survey logic in the browser: hides the questions a respondent's answers
   make irrelevant, as the server decides when the answers arrive
   (resources/surveys/logic.py). Without this script every question is shown
   with a note saying when to answer it, and the server still ignores the
   answers to questions that do not apply. */
(function () {
    "use strict";

    function answersOf(block) {
        var values = [];
        block.querySelectorAll("input, select, textarea").forEach(function (input) {
            if ((input.type === "radio" || input.type === "checkbox") && !input.checked) {
                return;
            }
            if (input.tagName === "SELECT") {
                Array.prototype.forEach.call(input.selectedOptions, function (option) {
                    if (option.value) { values.push(option.value); }
                });
                return;
            }
            if (input.value) { values.push(input.value); }
        });
        return values;
    }

    function apply(form) {
        var blocks = form.querySelectorAll("[data-question]");
        var answers = {};
        var visible = {};
        var skippingTo = null;
        blocks.forEach(function (block) {
            answers[block.dataset.question] = answersOf(block);
        });
        blocks.forEach(function (block) {
            var key = block.dataset.question;
            var shown = true;
            if (skippingTo !== null) {
                if (skippingTo === key) { skippingTo = null; } else { shown = false; }
            }
            if (shown && block.dataset.conditionQuestion) {
                var source = block.dataset.conditionQuestion;
                var values = visible[source] ? answers[source] : [];
                var wanted = block.dataset.conditionValue;
                var operator = block.dataset.conditionOperator || "is";
                if (!values.length) {
                    shown = false;
                } else if (operator === "is" || operator === "includes") {
                    shown = values.indexOf(wanted) !== -1;
                } else {
                    shown = values.indexOf(wanted) === -1;
                }
            }
            block.hidden = !shown;
            visible[key] = shown;
            if (shown && block.dataset.skipTo && answers[key].indexOf(block.dataset.skipWhen) !== -1) {
                skippingTo = block.dataset.skipTo;
            }
        });
    }

    document.addEventListener("DOMContentLoaded", function () {
        document.querySelectorAll("form[data-survey-logic]").forEach(function (form) {
            form.classList.add("survey__form--enhanced");
            apply(form);
            form.addEventListener("change", function () { apply(form); });
            form.addEventListener("input", function () { apply(form); });
        });
    });
}());
