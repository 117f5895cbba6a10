// When the server no longer knows this page's circuit (its node restarted, or the page was away too
// long), Blazor marks the reconnect dialog "rejected". Nothing on the page can be trusted then: seat
// states, holds and totals may all have moved on. Reload, which renders everything afresh from the
// database (on whichever node the load balancer picks).
(() => {
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) {
        return;
    }

    new MutationObserver(() => {
        if (modal.classList.contains("components-reconnect-rejected")) {
            location.reload();
        }
    }).observe(modal, { attributes: true, attributeFilter: ["class"] });
})();
