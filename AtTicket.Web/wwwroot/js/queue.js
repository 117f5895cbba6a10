// The waiting page (Components/Queues/QueuePage.razor). Polls the member's place with the sign-in cookie instead
// of holding a Blazor circuit per waiter: between two polls a waiting member costs the server nothing. Texts come
// localized from the page; this script only fills in numbers. User data is set as text, never as markup.
(() => {
    const root = document.getElementById('queue');
    if (!root) {
        return;
    }

    const nearPollMs = 3000;
    const data = root.dataset;
    // Far back in a running line nothing changes fast enough to be worth asking every 3 s (docs/benchmarks.md, Q1).
    const farPollMs = Number(data.farPollMs);
    const farWaitSeconds = 300;
    let pollMs = nearPollMs;
    const $ = (name) => root.querySelector(`[data-${name}]`);
    const status = root.querySelector('[role=status]');
    const numbers = new Intl.NumberFormat(data.lang);
    const plurals = new Intl.PluralRules(data.lang);
    const storeKey = `atticket.queue.${data.api}`;
    let epoch = null;
    let timer = null;
    let stopped = false;

    const say = (text) => {
        if (status.textContent !== text) {
            status.textContent = text;
        }
    };
    const counted = (name, count) =>
        (data[`t${name}${plurals.select(count) === 'one' ? 'One' : 'Other'}`]).replace('{0}', numbers.format(count));

    const request = (method, withEpoch) =>
        fetch(withEpoch && epoch ? `${data.api}?epoch=${encodeURIComponent(epoch)}` : data.api, {
            method,
            credentials: 'same-origin',
            headers: { 'Accept': 'application/json', 'X-Requested-With': 'queue' },
        });

    // The progress is how much of the line first seen ahead has gone; kept per tab across reloads.
    const progress = (ahead) => {
        const first = Math.max(ahead, Number(sessionStorage.getItem(storeKey) ?? ahead));
        sessionStorage.setItem(storeKey, String(first));
        $('progress').value = first === 0 ? 100 : Math.round(100 * (first - ahead) / first);
    };

    const wait = (seconds) => {
        if (seconds === null || seconds === undefined) {
            return data.tWaitUnknown;
        }
        return seconds < 60 ? data.tWaitSoon : counted('Wait', Math.round(seconds / 60));
    };

    const show = (place) => {
        epoch = place.epoch;
        pollMs = nearPollMs;
        $('figures').hidden = place.standing !== 'waiting';
        $('progress').hidden = place.standing !== 'waiting' && place.standing !== 'admitted';
        switch (place.standing) {
            case 'beforeOpening':
                say(data.tBefore);
                return true;
            case 'waiting':
                $('place').textContent = numbers.format(place.ahead + 1);
                $('ahead').textContent = numbers.format(place.ahead);
                // Paused: the place holds and the wait does not count down, so the page says why instead of a figure.
                $('wait').textContent = place.paused ? data.tWaitPaused : wait(place.estimatedWaitSeconds);
                pollMs = !place.paused && place.estimatedWaitSeconds > farWaitSeconds ? farPollMs : nearPollMs;
                root.toggleAttribute('data-paused', place.paused);
                progress(place.ahead);
                say(place.paused ? data.tPaused : data.tWaiting);
                return true;
            case 'admitted':
                $('progress').value = 100;
                sessionStorage.removeItem(storeKey);
                say(counted('Admitted', Math.max(1, Math.round(place.shoppingWindowSeconds / 60))));
                setTimeout(() => location.assign(data.seatmap), 1500);
                return false;
            default:
                return true; // notInLine or lineReset: the caller joins again
        }
    };

    const answer = async (response) => {
        if (response.status === 401) {
            location.assign(data.login);
            return null;
        }
        if (response.status === 404) {
            location.assign(data.seatmap); // the line has ended: the seat map is open to all
            return null;
        }
        if (response.status === 429) {
            say(data.tBusy);
            return null;
        }
        if (!response.ok) {
            throw new Error(`HTTP ${response.status}`);
        }
        return response.json();
    };

    const next = () => {
        if (!stopped) {
            timer = setTimeout(poll, pollMs);
        }
    };

    const join = async () => {
        const place = await answer(await request('POST', false));
        if (place && !show(place)) {
            stopped = true;
        }
    };

    async function poll() {
        try {
            const place = await answer(await request('GET', true));
            if (place?.standing === 'lineReset') {
                sessionStorage.removeItem(storeKey);
                epoch = null;
                await join();
                say(data.tReset);
            } else if (place?.standing === 'notInLine') {
                await join();
            } else if (place && !show(place)) {
                stopped = true;
            }
        } catch {
            say(data.tOffline);
        }
        next();
    }

    $('leave').addEventListener('click', async () => {
        stopped = true;
        clearTimeout(timer);
        try {
            await request('DELETE', false);
        } catch {
            // Not answering still leaves the line: a member who stops asking is dropped after the grace period.
        }
        sessionStorage.removeItem(storeKey);
        $('figures').hidden = true;
        $('progress').hidden = true;
        $('leave').hidden = true;
        $('back').hidden = false;
        say(data.tLeft);
    });

    (async () => {
        try {
            await join();
        } catch {
            say(data.tOffline);
        }
        next();
    })();
})();
