// aihub dashboard: plain JavaScript over the admin API (/api/...), charts by Chart.js served by the hub.
// The API token lives in this tab's sessionStorage and goes out only in the Authorization header.
'use strict';

(function () {
    const TOKEN_KEY = 'aihub.apiToken';
    const ROUTES_EVERY_MS = 2000;
    const DLQ_EVERY_MS = 5000;
    const MODELS_EVERY_MS = 30000;
    const HISTORY_POINTS = 90;
    const COLOURS = ['#2f6fde', '#d9480f', '#2b8a3e', '#862e9c', '#c92a2a', '#0b7285', '#e67700', '#5c940d'];

    const $ = (id) => document.getElementById(id);
    let timers = [];
    let throughputChart = null;
    const modelCharts = new Map();
    const openLetters = new Set();
    const history = { labels: [], byRoute: new Map() };

    function token() {
        return sessionStorage.getItem(TOKEN_KEY);
    }

    function el(tag, attrs, ...children) {
        const node = document.createElement(tag);
        Object.entries(attrs || {}).forEach(([k, v]) => {
            if (v === null || v === undefined) {
                return;
            }
            if (k === 'className') {
                node.className = v;
            } else if (k.startsWith('data-')) {
                node.setAttribute(k, v);
            } else {
                node[k] = v;
            }
        });
        children.flat().forEach((c) => {
            if (c !== null && c !== undefined) {
                node.append(c instanceof Node ? c : document.createTextNode(String(c)));
            }
        });
        return node;
    }

    function fmt(n) {
        if (n === null || n === undefined) {
            return '–';
        }
        return typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(n);
    }

    class ApiError extends Error {
        constructor(status, body) {
            super((body && body.message) || ('HTTP ' + status));
            this.status = status;
        }
    }

    async function api(path, options) {
        const response = await fetch(path, Object.assign({
            headers: { Authorization: 'Bearer ' + token(), Accept: 'application/json' },
            cache: 'no-store',
            credentials: 'omit'
        }, options || {}));
        let body = null;
        try {
            body = await response.json();
        } catch (e) {
            body = null;
        }
        if (!response.ok) {
            throw new ApiError(response.status, body);
        }
        return body;
    }

    function showTokenForm(message) {
        stopPolling();
        $('content').classList.add('hidden');
        $('token-panel').classList.remove('hidden');
        $('forget-token').classList.add('hidden');
        $('who').textContent = '';
        $('token-message').textContent = message || '';
        $('status').textContent = 'token needed';
        $('token').focus();
    }

    function failed(error, where) {
        if (error instanceof ApiError && error.status === 401) {
            sessionStorage.removeItem(TOKEN_KEY);
            showTokenForm('That token was not accepted.');
            return;
        }
        $('status').textContent = where + ': ' + error.message;
    }

    // ---------- routes ----------

    async function refreshRoutes() {
        let body;
        try {
            body = await api('/api/routes');
        } catch (e) {
            failed(e, 'routes');
            return;
        }
        const rows = body.routes.map((r) => {
            const c = r.counters;
            return el('tr', { 'data-route': r.id },
                el('td', { 'data-field': 'id' }, r.id),
                el('td', {}, r.template || 'custom'),
                el('td', {}, r.source ? r.source + (r.sourceType ? ' (' + r.sourceType + ')' : '') : '–'),
                el('td', {}, r.model || '–'),
                el('td', { className: r.state === 'Started' ? 'good' : 'bad', 'data-field': 'state' }, r.state),
                el('td', { className: 'num', 'data-field': 'pulled' }, fmt(c.pulled)),
                el('td', { className: 'num', 'data-field': 'scored' }, fmt(c.scored)),
                el('td', { className: 'num', 'data-field': 'published' }, fmt(c.published)),
                el('td', { className: 'num', 'data-field': 'writtenBack' }, fmt(c.writtenBack)),
                el('td', { className: 'num' + (c.deadLettered > 0 ? ' bad' : ''), 'data-field': 'deadLettered' },
                    fmt(c.deadLettered)),
                el('td', { className: 'num', 'data-field': 'pageFailures' }, fmt(c.pageFailures)),
                el('td', { className: 'num', 'data-field': 'scoredPerSecond' }, fmt(r.throughput.scoredPerSecond)),
                el('td', { className: 'num', 'data-field': 'backlog' }, fmt(r.backlog.total)),
                el('td', { className: 'num', 'data-field': 'deadLetterQueue' }, fmt(r.backlog.deadLetterQueue)));
        });
        $('routes-body').replaceChildren(...rows);
        $('backlog-problem').textContent = body.backlogProblem || '';
        $('status').textContent = 'updated ' + new Date().toLocaleTimeString();
        recordThroughput(body.routes);
    }

    function recordThroughput(routes) {
        history.labels.push(new Date().toLocaleTimeString());
        routes.forEach((r) => {
            if (!history.byRoute.has(r.id)) {
                history.byRoute.set(r.id, new Array(history.labels.length - 1).fill(null));
            }
        });
        history.byRoute.forEach((values, id) => {
            const route = routes.find((r) => r.id === id);
            values.push(route ? route.throughput.scoredPerSecond : null);
        });
        if (history.labels.length > HISTORY_POINTS) {
            history.labels.shift();
            history.byRoute.forEach((values) => values.shift());
        }
        const datasets = Array.from(history.byRoute.entries()).map(([id, values], i) => ({
            label: id + ' scored/s', data: values, borderColor: COLOURS[i % COLOURS.length],
            backgroundColor: COLOURS[i % COLOURS.length], pointRadius: 0, tension: 0.2
        }));
        if (!throughputChart) {
            throughputChart = new Chart($('throughput-chart'), {
                type: 'line',
                data: { labels: history.labels, datasets: datasets },
                options: {
                    animation: false, maintainAspectRatio: false,
                    scales: { y: { beginAtZero: true, title: { display: true, text: 'records/s' } } }
                }
            });
        } else {
            throughputChart.data.labels = history.labels;
            throughputChart.data.datasets = datasets;
            throughputChart.update('none');
        }
    }

    // ---------- dead letters ----------

    async function refreshDeadLetters() {
        let body;
        try {
            body = await api('/api/dlq');
        } catch (e) {
            failed(e, 'dead letters');
            return;
        }
        const blocks = body.routes.map((r) => {
            const block = el('div', { className: 'dlq-route', 'data-route': r.route },
                el('h3', {}, r.route + ': ' + fmt(r.total) + ' dead letter' + (r.total === 1 ? '' : 's')));
            if (r.total === 0) {
                return block;
            }
            const replayable = r.reasons.some((g) => g.replayable);
            block.append(el('table', { className: 'dlq-reasons' },
                el('thead', {}, el('tr', {}, el('th', {}, 'step'), el('th', {}, 'reason'),
                    el('th', { className: 'num' }, 'count'), el('th', {}, 'sample record ids'), el('th', {}, ''))),
                el('tbody', {}, r.reasons.map((g) => el('tr', { 'data-code': g.code },
                    el('td', {}, g.step), el('td', {}, g.code), el('td', { className: 'num' }, fmt(g.count)),
                    el('td', {}, g.sampleRecordIds.join(', ')),
                    el('td', {}, g.replayable ? replayButton(r.route, g.code, 'Replay ' + g.code) : 'not replayable'))))));
            if (replayable) {
                block.append(replayButton(r.route, null, 'Replay all replayable dead letters of ' + r.route));
            }
            const details = el('details', { className: 'dlq-details', open: openLetters.has(r.route) },
                el('summary', {}, 'the first ' + r.letters.length + ' dead letters, one by one'));
            details.addEventListener('toggle', () => {
                if (details.open) {
                    openLetters.add(r.route);
                } else {
                    openLetters.delete(r.route);
                }
            });
            block.append(details);
            details.append(el('table', { className: 'dlq-letters' },
                el('thead', {}, el('tr', {}, el('th', {}, 'record id'), el('th', {}, 'step'), el('th', {}, 'reason'),
                    el('th', {}, 'message'), el('th', {}, 'dead-lettered at'))),
                el('tbody', {}, r.letters.map((l) => el('tr', {},
                    el('td', {}, l.recordId), el('td', {}, l.step), el('td', {}, l.code),
                    el('td', {}, l.message || ''), el('td', {}, l.enqueuedAt || ''))))));
            if (r.total > r.letters.length) {
                details.append(el('p', { className: 'message' }, 'showing the first ' + r.letters.length + ' of '
                    + r.total + ' (./aihub dlq list counts them all)'));
            }
            return block;
        });
        $('dlq').replaceChildren(...blocks);
    }

    function replayButton(route, code, text) {
        const button = el('button', { type: 'button', className: 'replay', 'data-route': route,
            'data-code': code || '' }, text);
        button.addEventListener('click', () => replay(route, code, button));
        return button;
    }

    async function replay(route, code, button) {
        button.disabled = true;
        const query = code ? '?reason=' + encodeURIComponent(code) : '';
        try {
            const body = await api('/api/dlq/' + encodeURIComponent(route) + '/replay' + query, { method: 'POST' });
            $('replay-message').textContent = 'replayed ' + route + (code ? ' (' + code + ')' : '') + ': '
                + body.records + ' records back through the route, ' + body.events + ' events back to their queue';
        } catch (e) {
            if (e instanceof ApiError && e.status === 403) {
                $('replay-message').textContent = 'Replay needs an operator token; this one is read-only.';
            } else {
                failed(e, 'replay');
            }
        } finally {
            button.disabled = false;
            refreshDeadLetters();
        }
    }

    // ---------- models ----------

    async function refreshModels() {
        let body;
        try {
            body = await api('/api/models');
        } catch (e) {
            failed(e, 'models');
            return;
        }
        const blocks = [];
        for (const m of body.models) {
            let drift = { reports: [], tablePresent: false };
            try {
                drift = await api('/api/models/' + encodeURIComponent(m.name) + '/drift');
            } catch (e) {
                failed(e, 'drift');
            }
            blocks.push(modelBlock(m, drift));
        }
        modelCharts.forEach((chart) => chart.destroy());
        modelCharts.clear();
        $('models').replaceChildren(...blocks.map((b) => b.node));
        blocks.forEach((b) => b.draw());
    }

    function modelBlock(m, drift) {
        const node = el('div', { className: 'model', 'data-model': m.name },
            el('h3', {}, m.name + (m.loadedVersion ? ' (loaded ' + m.loadedVersion + ', ' + m.backend + ')' : '')));
        node.append(el('table', { className: 'model-versions' },
            el('thead', {}, el('tr', {}, ['version', 'roles', 'AUC', 'accuracy', 'log loss', 'positive rate',
                'trained at', 'live predictions', 'live mean score'].map((h) => el('th', {}, h)))),
            el('tbody', {}, m.versions.map((v) => el('tr', { 'data-version': v.version },
                el('td', {}, v.version),
                el('td', {}, v.roles.length ? v.roles.map((r) => el('span', { className: 'role ' + r.role },
                    r.role + ' on ' + r.route + (r.percent ? ' ' + r.percent + '%' : ''))) : 'unused'),
                el('td', { className: 'num' }, fmt(v.metrics && v.metrics.auc)),
                el('td', { className: 'num' }, fmt(v.metrics && v.metrics.accuracy)),
                el('td', { className: 'num' }, fmt(v.metrics && v.metrics.logLoss)),
                el('td', { className: 'num' }, fmt(v.metrics && v.metrics.positiveRate)),
                el('td', {}, (v.training && v.training.trainedAt) || '–'),
                el('td', { className: 'num' }, fmt(v.live && v.live.predictions)),
                el('td', { className: 'num' }, fmt(v.live && v.live.meanScore)))))));
        if (m.shadowComparison.length) {
            node.append(el('table', { className: 'shadow-comparison' },
                el('thead', {}, el('tr', {}, ['route', 'champion', 'challenger', 'records', 'label agreement',
                    'mean |score difference|', 'champion mean score', 'challenger mean score']
                    .map((h) => el('th', {}, h)))),
                el('tbody', {}, m.shadowComparison.map((s) => el('tr', {},
                    el('td', {}, s.route), el('td', {}, s.champion), el('td', {}, s.challenger),
                    el('td', { className: 'num' }, fmt(s.records)),
                    el('td', { className: 'num' }, fmt(s.labelAgreement)),
                    el('td', { className: 'num' }, fmt(s.meanAbsScoreDifference)),
                    el('td', { className: 'num' }, fmt(s.championMeanScore)),
                    el('td', { className: 'num' }, fmt(s.challengerMeanScore)))))));
        }
        const metricsCanvas = el('canvas', { 'aria-label': m.name + ' holdout metrics per version' });
        const driftCanvas = el('canvas', { 'aria-label': m.name + ' drift (PSI) over time' });
        const driftNote = el('p', { className: 'message drift-note' });
        node.append(el('div', { className: 'chart-row' },
            el('div', { className: 'chart-box' }, metricsCanvas),
            el('div', { className: 'chart-box' }, driftCanvas)), driftNote);
        return {
            node: node,
            draw: () => {
                modelCharts.set(m.name + '/metrics', metricsChart(metricsCanvas, m));
                if (drift.reports.length) {
                    modelCharts.set(m.name + '/drift', driftChart(driftCanvas, drift.reports));
                } else {
                    driftCanvas.parentElement.classList.add('hidden');
                    driftNote.textContent = drift.tablePresent ? 'No drift reports for ' + m.name + ' yet.'
                        : 'No drift reports: this database has no drift_reports table yet.';
                }
            }
        };
    }

    function metricsChart(canvas, m) {
        const versions = m.versions.filter((v) => v.metrics);
        const metric = (name) => versions.map((v) => v.metrics[name]);
        return new Chart(canvas, {
            type: 'bar',
            data: {
                labels: versions.map((v) => v.version + (v.roles.length ? ' (' + v.roles.map((r) => r.role).join(', ') + ')' : '')),
                datasets: [
                    { label: 'AUC', data: metric('auc'), backgroundColor: COLOURS[0] },
                    { label: 'accuracy', data: metric('accuracy'), backgroundColor: COLOURS[2] },
                    { label: 'log loss', data: metric('logLoss'), backgroundColor: COLOURS[1] }
                ]
            },
            options: {
                animation: false, maintainAspectRatio: false,
                plugins: { title: { display: true, text: 'holdout metrics per version (champion vs challengers)' } },
                scales: { y: { beginAtZero: true } }
            }
        });
    }

    function driftChart(canvas, reports) {
        const windows = Array.from(new Set(reports.map((r) => r.windowEnd))).sort();
        const features = Array.from(new Set(reports.map((r) => r.feature))).sort();
        const datasets = features.map((f, i) => {
            const byWindow = new Map(reports.filter((r) => r.feature === f).map((r) => [r.windowEnd, r.psi]));
            return { label: f, data: windows.map((w) => byWindow.has(w) ? byWindow.get(w) : null),
                borderColor: COLOURS[i % COLOURS.length], backgroundColor: COLOURS[i % COLOURS.length],
                spanGaps: true, pointRadius: 2 };
        });
        const threshold = reports.find((r) => r.psiThreshold !== null);
        if (threshold) {
            datasets.push({ label: 'threshold', data: windows.map(() => threshold.psiThreshold),
                borderColor: '#b00020', borderDash: [6, 4], pointRadius: 0 });
        }
        return new Chart(canvas, {
            type: 'line',
            data: { labels: windows.map((w) => new Date(w).toLocaleString()), datasets: datasets },
            options: {
                animation: false, maintainAspectRatio: false,
                plugins: { title: { display: true, text: 'population stability index per feature over time' } },
                scales: { y: { beginAtZero: true, title: { display: true, text: 'PSI' } } }
            }
        });
    }

    // ---------- start ----------

    function stopPolling() {
        timers.forEach((t) => clearInterval(t));
        timers = [];
    }

    async function start() {
        let me;
        try {
            me = await api('/api/me');
        } catch (e) {
            if (e instanceof ApiError && e.status === 401) {
                sessionStorage.removeItem(TOKEN_KEY);
                showTokenForm('That token was not accepted.');
            } else {
                $('status').textContent = 'hub unreachable: ' + e.message;
            }
            return;
        }
        $('token-panel').classList.add('hidden');
        $('content').classList.remove('hidden');
        $('forget-token').classList.remove('hidden');
        $('who').textContent = 'token ' + me.name + ' (' + me.role + ')';
        await refreshRoutes();
        refreshDeadLetters();
        refreshModels();
        timers.push(setInterval(refreshRoutes, ROUTES_EVERY_MS));
        timers.push(setInterval(refreshDeadLetters, DLQ_EVERY_MS));
        timers.push(setInterval(refreshModels, MODELS_EVERY_MS));
    }

    document.addEventListener('DOMContentLoaded', () => {
        $('token-form').addEventListener('submit', (event) => {
            event.preventDefault();
            const value = $('token').value.trim();
            $('token').value = '';
            if (value) {
                sessionStorage.setItem(TOKEN_KEY, value);
                start();
            }
        });
        $('forget-token').addEventListener('click', () => {
            sessionStorage.removeItem(TOKEN_KEY);
            showTokenForm('Token forgotten.');
        });
        if (token()) {
            start();
        } else {
            showTokenForm('');
        }
    });
}());
