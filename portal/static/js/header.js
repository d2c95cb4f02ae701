// The header's menu and search buttons (disclosure pattern). Loaded in <head>
// without defer: the class below must be set before the page is drawn so that
// on phones the menu starts closed. Without JavaScript the buttons stay hidden
// and the menu and the search box simply show.
(function () {
    "use strict";
    document.documentElement.classList.add("has-js");

    function setOpen(button, panel, open) {
        button.setAttribute("aria-expanded", open ? "true" : "false");
        panel.classList.toggle("is-open", open);
    }

    function firstFocusable(panel) {
        return panel.querySelector("a[href], button:not([disabled]), input:not([type='hidden']), select, textarea");
    }

    function setUp() {
        var buttons = document.querySelectorAll(".site-header .header-toggle[aria-controls]");
        Array.prototype.forEach.call(buttons, function (button) {
            var panel = document.getElementById(button.getAttribute("aria-controls"));
            if (!panel) {
                return;
            }
            button.hidden = false;
            button.addEventListener("click", function () {
                var open = button.getAttribute("aria-expanded") !== "true";
                // One panel at a time: opening the menu closes the search and back.
                Array.prototype.forEach.call(buttons, function (other) {
                    var otherPanel = document.getElementById(other.getAttribute("aria-controls"));
                    if (other !== button && otherPanel) {
                        setOpen(other, otherPanel, false);
                    }
                });
                setOpen(button, panel, open);
                if (open) {
                    var target = firstFocusable(panel);
                    if (target) {
                        target.focus();
                    }
                }
            });
            panel.addEventListener("keydown", function (event) {
                if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
                    setOpen(button, panel, false);
                    button.focus();
                }
            });
            button.addEventListener("keydown", function (event) {
                if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
                    setOpen(button, panel, false);
                }
            });
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", setUp);
    } else {
        setUp();
    }
})();
