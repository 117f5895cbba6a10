// Rubber-band selection on a seat map: drawn in the browser while dragging, reported once on release.
// A press that does not move stays a plain click on the seat under it.
const dragThresholdPx = 4;

export function enableAreaSelection(svg, dotnet) {
    if (!svg || svg.dataset.areaSelection) {
        return;
    }
    svg.dataset.areaSelection = "on";
    let press = null;
    let start = null;
    let band = null;

    const toSvg = (event) => {
        const point = svg.createSVGPoint();
        point.x = event.clientX;
        point.y = event.clientY;
        return point.matrixTransform(svg.getScreenCTM().inverse());
    };

    svg.addEventListener("pointerdown", (event) => {
        if (event.button === 0) {
            press = { x: event.clientX, y: event.clientY, id: event.pointerId };
            start = toSvg(event);
        }
    });

    svg.addEventListener("pointermove", (event) => {
        if (!press) {
            return;
        }
        if (!band) {
            if (Math.abs(event.clientX - press.x) + Math.abs(event.clientY - press.y) < dragThresholdPx) {
                return;
            }
            // Only now is it a drag: capture the pointer so the band follows it outside the seats.
            band = document.createElementNS("http://www.w3.org/2000/svg", "rect");
            band.setAttribute("class", "selection-band");
            svg.appendChild(band);
            svg.setPointerCapture(press.id);
        }
        const now = toSvg(event);
        band.setAttribute("x", Math.min(start.x, now.x));
        band.setAttribute("y", Math.min(start.y, now.y));
        band.setAttribute("width", Math.abs(now.x - start.x));
        band.setAttribute("height", Math.abs(now.y - start.y));
    });

    const finish = (event, report) => {
        if (band) {
            const end = toSvg(event);
            band.remove();
            if (report) {
                dotnet.invokeMethodAsync("OnAreaSelected", start.x, start.y, end.x, end.y);
            }
        }
        press = null;
        band = null;
    };
    svg.addEventListener("pointerup", (event) => finish(event, true));
    svg.addEventListener("pointercancel", (event) => finish(event, false));
}
