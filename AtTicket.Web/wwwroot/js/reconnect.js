// When the server no longer knows this page's circuit (its node restarted, or the page was away too
// long), Blazor marks the reconnect dialog "rejected". Nothing on the page can be trusted then: seat
// states, holds and totals may all have moved on. Reload, which renders everything afresh from the
// database (on whichever node the load balancer picks). The dialog is found on each change rather
// than once, because rendering may replace the element.
(() => {
    const rejected = () => document.getElementById("components-reconnect-modal")?.classList.contains("components-reconnect-rejected");
    new MutationObserver(() => {
        if (rejected()) {
            location.reload();
        }
    }).observe(document.body, { attributes: true, attributeFilter: ["class"], subtree: true });

    // The dialog's "Try again" and "Reload the page" links.
    document.addEventListener("click", event => {
        const action = event.target.closest?.("[data-reconnect]")?.dataset.reconnect;
        if (action) {
            event.preventDefault();
            action === "retry" ? Blazor.reconnect() : location.reload();
        }
    });
})();
