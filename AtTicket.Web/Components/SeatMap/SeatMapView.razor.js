// The seat map's browser side: arrow keys between seats, the view centred through zooming, and
// dragging on the map, which pans a customer's map and draws a selection band on an admin's.
// The server draws the seats once; nothing here asks it to draw them again.
const dragThresholdPx = 4;

export function attach(svg, viewport, dotnet, selectArea) {
    if (!svg || svg.dataset.scripted) {
        return;
    }
    svg.dataset.scripted = "on";
    enableKeyboard(svg, viewport, dotnet);
    keepCentreWhileZooming(svg, viewport);
    reportViewport(viewport, dotnet);
    enableGestureZoom(svg, viewport, dotnet);
    if (selectArea) {
        enableAreaSelection(svg, dotnet);
    } else {
        enableDragToPan(svg, viewport);
    }
}

// Roving tabindex: the focused seat is the map's one Tab stop. Each seat's data-moves, worked out on the
// server, holds the ids of the seats Left, Right, Up, Down, Home and End lead to, in that order ("-" for none).
// The listeners sit on the viewport, not the SVG: Chromium makes an SVG element with focus listeners a Tab stop.
const moveKeys = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End"];

function enableKeyboard(svg, viewport, dotnet) {
    let reported = null;

    // The seat becomes the only Tab stop. A render that crossed a focus report on its way may have
    // left a second one; any focus or Tab from a seat clears it before the browser looks for the next stop.
    const makeTabStop = (seat) => {
        for (const other of svg.querySelectorAll('g.seat[tabindex="0"]')) {
            if (other !== seat) {
                other.setAttribute("tabindex", "-1");
            }
        }
        seat.setAttribute("tabindex", "0");
    };

    viewport.addEventListener("keydown", (event) => {
        if (event.key === " " && event.target.closest("g.section-block")) {
            event.preventDefault(); // Space opens the section (on the server) and must not scroll the page.
            return;
        }
        const seat = event.target.closest("g.seat[data-seat-id]");
        if (!seat || event.altKey || event.ctrlKey || event.metaKey) {
            return;
        }
        if (event.key === "Tab") {
            makeTabStop(seat);
            return;
        }
        if (event.key === " ") {
            event.preventDefault(); // Space toggles the seat (on the server) and must not scroll the page.
            return;
        }
        const move = moveKeys.indexOf(event.key);
        if (move < 0 || !seat.dataset.moves) {
            return;
        }
        // Handled here alone: the page must not scroll, and the server need not hear of it.
        event.preventDefault();
        event.stopPropagation();
        const id = seat.dataset.moves.split(" ")[move];
        const next = id !== "-" && svg.querySelector(`g.seat[data-seat-id="${id}"]`);
        if (next) {
            next.focus();
        }
    });

    // However a seat got focus (key, click, tap or screen reader), it becomes the Tab stop.
    viewport.addEventListener("focusin", (event) => {
        const seat = event.target.closest("g.seat[data-seat-id]");
        if (!seat || seat.getAttribute("tabindex") === null) {
            return;
        }
        makeTabStop(seat);
        if (seat.dataset.seatId !== reported) {
            reported = seat.dataset.seatId;
            dotnet.invokeMethodAsync("OnSeatFocused", Number(reported));
        }
    });
}

// Zooming changes the map's width; the point in the middle of the viewport stays in the middle.
// The centre is remembered as a fraction of the map on every scroll, and restored when the map's size changes.
function keepCentreWhileZooming(svg, viewport) {
    let centre = { x: 0.5, y: 0.5 };
    let size = { width: viewport.scrollWidth, height: viewport.scrollHeight };

    viewport.addEventListener("scroll", () => {
        if (viewport.scrollWidth !== size.width || viewport.scrollHeight !== size.height) {
            return; // The map was just resized and the browser clamped the scroll: keep the centre from before.
        }
        centre = {
            x: (viewport.scrollLeft + (viewport.clientWidth / 2)) / viewport.scrollWidth,
            y: (viewport.scrollTop + (viewport.clientHeight / 2)) / viewport.scrollHeight,
        };
    }, { passive: true });

    new ResizeObserver(() => {
        viewport.scrollLeft = (centre.x * viewport.scrollWidth) - (viewport.clientWidth / 2);
        viewport.scrollTop = (centre.y * viewport.scrollHeight) - (viewport.clientHeight / 2);
        size = { width: viewport.scrollWidth, height: viewport.scrollHeight };
    }).observe(svg);
}

// A customer's map pans when dragged with a mouse (touch scrolls natively). A press that does not
// move stays a plain click on the seat under it; the click that ends a drag is swallowed.
function enableDragToPan(svg, viewport) {
    let press = null;

    svg.addEventListener("pointerdown", (event) => {
        const scrolls = viewport.scrollWidth > viewport.clientWidth || viewport.scrollHeight > viewport.clientHeight;
        if (event.pointerType === "mouse" && event.button === 0 && scrolls) {
            press = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop, id: event.pointerId, dragging: false };
        }
    });

    svg.addEventListener("pointermove", (event) => {
        if (!press) {
            return;
        }
        const dx = event.clientX - press.x;
        const dy = event.clientY - press.y;
        if (!press.dragging) {
            if (Math.abs(dx) + Math.abs(dy) < dragThresholdPx) {
                return;
            }
            press.dragging = true;
            svg.setPointerCapture(press.id);
            svg.classList.add("panning");
        }
        viewport.scrollLeft = press.left - dx;
        viewport.scrollTop = press.top - dy;
    });

    const finish = () => {
        if (press?.dragging) {
            svg.classList.remove("panning");
            swallowNextClick();
        }
        press = null;
    };
    svg.addEventListener("pointerup", finish);
    svg.addEventListener("pointercancel", finish);
}

function swallowNextClick() {
    const swallow = (event) => {
        event.stopPropagation();
        event.preventDefault();
    };
    window.addEventListener("click", swallow, { capture: true, once: true });
    setTimeout(() => window.removeEventListener("click", swallow, { capture: true }), 0);
}

// Rubber-band selection on an admin's map: drawn in the browser while dragging, reported once on release.
// A press that does not move stays a plain click on the seat under it.
function enableAreaSelection(svg, dotnet) {
    svg.dataset.areaSelection = "on"; // tells a browser test that dragging now selects
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

// The server decides whether a large hall opens as an overview of sections: it hears the viewport's
// width and whether the window is phone-sized, at first and whenever either changes.
const phoneQuery = "(max-width: 600px)";

function reportViewport(viewport, dotnet) {
    const phone = window.matchMedia(phoneQuery);
    let reported = null;
    const report = () => {
        const measured = `${viewport.clientWidth} ${phone.matches}`;
        if (viewport.clientWidth > 0 && measured !== reported) {
            reported = measured;
            // The map may be gone by the time the answer comes (the page was left): nothing to do then.
            dotnet.invokeMethodAsync("OnViewportMeasured", viewport.clientWidth, phone.matches).catch(() => { });
        }
    };
    new ResizeObserver(report).observe(viewport);
    phone.addEventListener("change", report);
}

// Pinch (two touch pointers) and Ctrl+wheel (a mouse, or a touchpad's pinch) step through the same
// zoom levels as the buttons; the server bounds them.
const pinchStep = 1.25;
const wheelPauseMs = 120;

function enableGestureZoom(svg, viewport, dotnet) {
    let lastWheel = 0;
    viewport.addEventListener("wheel", (event) => {
        if (!event.ctrlKey) {
            return;
        }
        event.preventDefault(); // the page itself must not zoom
        if (event.timeStamp - lastWheel < wheelPauseMs || event.deltaY === 0) {
            return; // one step per turn of the wheel, not one per event of a touchpad's stream
        }
        lastWheel = event.timeStamp;
        dotnet.invokeMethodAsync("OnZoomGesture", event.deltaY < 0 ? 1 : -1).catch(() => { });
    }, { passive: false });

    const touches = new Map();
    let baseline = null;
    const spread = () => {
        const [a, b] = [...touches.values()];
        return Math.hypot(a.x - b.x, a.y - b.y);
    };

    svg.addEventListener("pointerdown", (event) => {
        if (event.pointerType !== "touch") {
            return;
        }
        touches.set(event.pointerId, { x: event.clientX, y: event.clientY });
        baseline = touches.size === 2 ? spread() : null;
    });

    svg.addEventListener("pointermove", (event) => {
        if (!touches.has(event.pointerId)) {
            return;
        }
        touches.set(event.pointerId, { x: event.clientX, y: event.clientY });
        if (touches.size !== 2 || !baseline) {
            return;
        }
        const ratio = spread() / baseline;
        if (ratio >= pinchStep || ratio <= 1 / pinchStep) {
            dotnet.invokeMethodAsync("OnZoomGesture", ratio > 1 ? 1 : -1).catch(() => { });
            baseline = spread();
        }
    });

    const lift = (event) => {
        touches.delete(event.pointerId);
        baseline = null;
    };
    svg.addEventListener("pointerup", lift);
    svg.addEventListener("pointercancel", lift);
}
