// Rubber-band selection on a seat map: drawn in the browser while dragging, reported once on release.
export function enableAreaSelection(svg, dotnet) {
    if (!svg || svg.dataset.areaSelection) {
        return;
    }
    svg.dataset.areaSelection = "on";
    let start = null;
    let band = null;

    const toSvg = (event) => {
        const point = svg.createSVGPoint();
        point.x = event.clientX;
        point.y = event.clientY;
        return point.matrixTransform(svg.getScreenCTM().inverse());
    };

    svg.addEventListener("pointerdown", (event) => {
        if (event.button !== 0) {
            return;
        }
        start = toSvg(event);
        band = document.createElementNS("http://www.w3.org/2000/svg", "rect");
        band.setAttribute("class", "selection-band");
        svg.appendChild(band);
        svg.setPointerCapture(event.pointerId);
    });

    svg.addEventListener("pointermove", (event) => {
        if (!start) {
            return;
        }
        const now = toSvg(event);
        band.setAttribute("x", Math.min(start.x, now.x));
        band.setAttribute("y", Math.min(start.y, now.y));
        band.setAttribute("width", Math.abs(now.x - start.x));
        band.setAttribute("height", Math.abs(now.y - start.y));
    });

    svg.addEventListener("pointerup", (event) => {
        if (!start) {
            return;
        }
        const end = toSvg(event);
        const moved = Math.abs(end.x - start.x) + Math.abs(end.y - start.y);
        band.remove();
        const from = start;
        start = null;
        // A plain click (no drag) is left to the seat's own click handler.
        if (moved > 0.5) {
            dotnet.invokeMethodAsync("OnAreaSelected", from.x, from.y, end.x, end.y);
        }
    });
}
