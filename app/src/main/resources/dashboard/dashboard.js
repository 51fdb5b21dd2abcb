// The DynaSplit dashboard: reads this node's /api/nodes once and its /metrics (Prometheus text)
// every 2 s, and shows per edge and per cloud worker the same figures the metrics hold.
'use strict';

const POLL_MS = 2000;
const WINDOW_MS = 30000; // latency quantiles over the last 30 s (all time until then)
const HISTORY_MS = 300000; // charts show the last 5 minutes

const errors = document.getElementById('errors');
function countError(message) {
  const n = Number(errors.dataset.errors) + 1;
  errors.dataset.errors = String(n);
  errors.textContent = n + ' script error(s): ' + message;
}
window.addEventListener('error', e => countError(e.message));
window.addEventListener('unhandledrejection', e => countError(String(e.reason)));

/** Prometheus text format to samples {name, labels, value}. */
function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = line.match(/^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/);
    if (!m) continue;
    const labels = {};
    if (m[2]) {
      for (const l of m[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2];
    }
    samples.push({ name: m[1], labels, value: Number(m[3]) });
  }
  return samples;
}

function select(samples, name, where) {
  return samples.filter(s => s.name === name &&
      Object.entries(where).every(([k, v]) => s.labels[k] === v));
}
function sum(samples, name, where) {
  return select(samples, name, where).reduce((a, s) => a + (Number.isFinite(s.value) ? s.value : 0), 0);
}

/** Cumulative bucket counts by upper bound, summed over the series that match. */
function buckets(samples, name, where) {
  const byLe = new Map();
  for (const s of select(samples, name + '_bucket', where)) {
    const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
    byLe.set(le, (byLe.get(le) || 0) + s.value);
  }
  return [...byLe.entries()].sort((a, b) => a[0] - b[0]);
}

/** A quantile from cumulative buckets, interpolated linearly inside its bucket. */
function quantile(bs, q) {
  if (!bs.length) return NaN;
  const total = bs[bs.length - 1][1];
  if (!(total > 0)) return NaN;
  const rank = q * total;
  let prevLe = 0, prevCount = 0;
  for (const [le, count] of bs) {
    if (count >= rank) {
      if (le === Infinity) return prevLe;
      const inBucket = count - prevCount;
      return inBucket > 0 ? prevLe + (le - prevLe) * (rank - prevCount) / inBucket : le;
    }
    prevLe = le; prevCount = count;
  }
  return prevLe;
}

function minus(now, then) {
  const before = new Map(then);
  return now.map(([le, c]) => [le, c - (before.get(le) || 0)]);
}

const fmt = {
  ms: s => Number.isFinite(s) ? (s * 1000).toFixed(s < 0.1 ? 1 : 0) + ' ms' : '–',
  pct: x => Number.isFinite(x) ? (100 * x).toFixed(1) + ' %' : '–',
  rate: x => Number.isFinite(x) ? x.toFixed(1) : '–',
  joules: x => !Number.isFinite(x) ? '–' : x === 0 ? '0' : x < 0.01 ? x.toExponential(2) : x.toFixed(3),
  count: x => Number.isFinite(x) ? String(Math.round(x)) : '–',
};

/** A step chart of {t, v} points over the last HISTORY_MS. */
function drawSeries(canvas, points, label, unit) {
  const g = canvas.getContext('2d');
  const w = canvas.width, h = canvas.height, pad = 28;
  g.clearRect(0, 0, w, h);
  g.fillStyle = '#4a5568';
  g.font = '11px sans-serif';
  g.fillText(label, pad, 12);
  const now = Date.now();
  const shown = points.filter(p => now - p.t <= HISTORY_MS && Number.isFinite(p.v));
  if (!shown.length) { g.fillText('no data yet', w / 2 - 30, h / 2); return; }
  const max = Math.max(1, ...shown.map(p => p.v));
  const x = t => pad + (w - 2 * pad) * (1 - (now - t) / HISTORY_MS);
  const y = v => h - pad + 8 - (h - pad - 12) * v / max;
  g.strokeStyle = '#cbd5e0';
  g.beginPath(); g.moveTo(pad, y(0)); g.lineTo(w - pad, y(0)); g.stroke();
  g.fillText(String(Math.round(max)) + (unit || ''), 2, y(max) + 4);
  g.fillText('0', 2, y(0) + 4);
  g.fillText('-5 min', pad, h - 4);
  g.fillText('now', w - pad - 16, h - 4);
  g.strokeStyle = '#2b6cb0';
  g.lineWidth = 2;
  g.beginPath();
  shown.forEach((p, i) => {
    if (i === 0) g.moveTo(x(p.t), y(p.v));
    else { g.lineTo(x(p.t), y(shown[i - 1].v)); g.lineTo(x(p.t), y(p.v)); }
  });
  g.lineTo(x(now), y(shown[shown.length - 1].v));
  g.stroke();
}

function card(templateId, node) {
  const el = document.getElementById(templateId).content.firstElementChild.cloneNode(true);
  el.querySelector('.id').textContent = node.id;
  el.dataset.node = node.id;
  return el;
}
function put(el, cls, text) { el.querySelector('.' + cls).textContent = text; }

class EdgeView {
  constructor(node, parent) {
    this.node = node;
    this.el = card('edge-card', node);
    put(this.el, 'models', 'serving ' + node.models.join(', '));
    parent.appendChild(this.el);
    this.history = []; // {t, answered, buckets}
    this.splits = [];
    this.config = null;
    this.lastConfigs = new Map();
  }

  update(samples, t, ready) {
    const me = { role: 'edge', node: this.node.id };
    const answered = sum(samples, 'dynasplit_requests_total', me);
    const met = sum(samples, 'dynasplit_requests_total', { ...me, outcome: 'sla_met' });
    const failed = sum(samples, 'dynasplit_requests_total', { ...me, outcome: 'error' });
    const ok = answered - failed;
    const bs = buckets(samples, 'dynasplit_request_duration_seconds', me);
    this.history.push({ t, answered, bs });
    this.history = this.history.filter(h => t - h.t <= WINDOW_MS + POLL_MS);
    const first = this.history[0];
    const prev = this.history.length > 1 ? this.history[this.history.length - 2] : null;
    const windowed = first !== this.history[this.history.length - 1] ? minus(bs, first.bs) : bs;
    const inWindow = windowed.length ? windowed[windowed.length - 1][1] : 0;
    const q = inWindow > 0 ? windowed : bs;
    put(this.el, 'rate', prev ? fmt.rate((answered - prev.answered) / ((t - prev.t) / 1000)) : '–');
    put(this.el, 'sla', answered > 0 ? fmt.pct(met / answered) : '–');
    put(this.el, 'p50', fmt.ms(quantile(q, 0.5)));
    put(this.el, 'p95', fmt.ms(quantile(q, 0.95)));
    put(this.el, 'total', fmt.count(answered));
    put(this.el, 'errors', fmt.count(failed));
    const ready_ = this.el.querySelector('.ready');
    ready_.textContent = ready ? 'ready' : 'not ready';
    ready_.className = 'ready ' + (ready ? 'ok' : 'no');
    this.energy(samples, me, ok);
    this.configuration(samples, me, t);
    this.estimates(samples, me);
  }

  energy(samples, me, ok) {
    const tbody = this.el.querySelector('.energy tbody');
    tbody.textContent = '';
    const row = (name, e, c, total) => {
      const tr = document.createElement('tr');
      for (const v of [name, fmt.joules(e), fmt.joules(c), fmt.joules(total)]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.appendChild(td);
      }
      tbody.appendChild(tr);
    };
    const edgeJ = ok > 0 ? sum(samples, 'dynasplit_energy_joules_total', { ...me, side: 'edge' }) / ok : NaN;
    const cloudJ = ok > 0 ? sum(samples, 'dynasplit_energy_joules_total', { ...me, side: 'cloud' }) / ok : NaN;
    row('served (measured)', edgeJ, cloudJ, edgeJ + cloudJ);
    let saving = '';
    for (const model of this.node.models) {
      const base = b => select(samples, 'dynasplit_front_energy_joules', { ...me, model, baseline: b })[0];
      const cloudOnly = base('cloud_only');
      const edgeOnly = base('edge_only');
      if (cloudOnly && Number.isFinite(cloudOnly.value) && cloudOnly.value > 0) {
        row('cloud-only (' + model + ' front)', NaN, NaN, cloudOnly.value);
        if (Number.isFinite(edgeJ + cloudJ) && this.node.models.length === 1) {
          saving = 'saving against cloud-only: ' + fmt.pct(1 - (edgeJ + cloudJ) / cloudOnly.value);
        }
      }
      if (edgeOnly && Number.isFinite(edgeOnly.value) && edgeOnly.value > 0) {
        row('edge-only (' + model + ' front)', NaN, NaN, edgeOnly.value);
      }
    }
    this.el.querySelector('.saving').textContent =
        saving || 'baselines appear once a measured front is in force';
  }

  configuration(samples, me, t) {
    let best = null, bestDelta = 0;
    for (const s of select(samples, 'dynasplit_configurations_total', me)) {
      const key = JSON.stringify(s.labels);
      const delta = s.value - (this.lastConfigs.get(key) || 0);
      this.lastConfigs.set(key, s.value);
      if (delta > bestDelta) { best = s.labels; bestDelta = delta; }
    }
    if (best) {
      this.config = best;
      this.splits.push({ t, v: Number(best.split) });
    }
    this.splits = this.splits.filter(p => t - p.t <= HISTORY_MS);
    put(this.el, 'config', this.config
        ? `${this.config.model}: split ${this.config.split}, codec ${this.config.codec}, ` +
          `edge accelerator ${this.config.accelerator}`
        : 'no request served yet');
    drawSeries(this.el.querySelector('.splits'), this.splits, 'split chosen (most requests per 2 s)');
  }

  estimates(samples, me) {
    const dl = this.el.querySelector('.estimates');
    dl.textContent = '';
    const one = name => sum(samples, name, me);
    const gauge = (name, where) => {
      const s = select(samples, name, { ...me, ...where })[0];
      return s ? s.value : NaN;
    };
    const bw = gauge('dynasplit_estimate_bandwidth_bytes_per_second', {});
    const items = [
      ['bandwidth to the cloud', Number.isFinite(bw) ? (bw / 1e6).toFixed(2) + ' MB/s' : 'not observed yet'],
      ['round trip', fmt.ms(gauge('dynasplit_estimate_rtt_seconds', {}))],
      ['cloud queue', fmt.ms(gauge('dynasplit_estimate_cloud_queue_seconds', {}))],
      ['edge service factor', fmt.rate(gauge('dynasplit_estimate_service_factor', { side: 'edge' }))],
      ['cloud service factor', fmt.rate(gauge('dynasplit_estimate_service_factor', { side: 'cloud' }))],
      ['in flight', fmt.count(one('dynasplit_requests_in_flight'))],
      ['fallbacks to the edge', fmt.count(one('dynasplit_fallbacks_total'))],
      ['late cloud answers', fmt.count(one('dynasplit_cloud_late_answers_total'))],
      ['rejected (overloaded)', fmt.count(one('dynasplit_admission_rejections_total'))],
    ];
    for (const [k, v] of items) {
      const dt = document.createElement('dt'); dt.textContent = k;
      const dd = document.createElement('dd'); dd.textContent = v;
      dl.append(dt, dd);
    }
  }
}

class CloudView {
  constructor(node, parent) {
    this.node = node;
    this.el = card('cloud-card', node);
    parent.appendChild(this.el);
    this.prev = null;
    this.rates = [];
  }

  update(samples, t, ready) {
    const me = { role: 'cloud', node: this.node.id };
    const tails = sum(samples, 'dynasplit_tails_total', me);
    if (this.prev) this.rates.push({ t, v: (tails - this.prev.tails) / ((t - this.prev.t) / 1000) });
    this.rates = this.rates.filter(p => t - p.t <= HISTORY_MS);
    const last = this.rates[this.rates.length - 1];
    put(this.el, 'rate', last ? fmt.rate(last.v) : '–');
    put(this.el, 'queued', fmt.count(sum(samples, 'dynasplit_tails_queued', me)));
    const n = sum(samples, 'dynasplit_tail_duration_seconds_count', me);
    put(this.el, 'tailMs', n > 0 ? fmt.ms(sum(samples, 'dynasplit_tail_duration_seconds_sum', me) / n) : '–');
    put(this.el, 'rejected', fmt.count(sum(samples, 'dynasplit_tails_rejected_total', me)));
    const r = this.el.querySelector('.ready');
    r.textContent = ready ? 'ready' : 'not ready';
    r.className = 'ready ' + (ready ? 'ok' : 'no');
    drawSeries(this.el.querySelector('.load'), this.rates, 'tails/s');
    this.prev = { t, tails };
  }
}

async function main() {
  const status = document.getElementById('status');
  const info = await (await fetch('api/nodes')).json();
  document.getElementById('version').textContent = 'version ' + info.version;
  const views = info.nodes.map(n => n.role === 'edge'
      ? new EdgeView(n, document.getElementById('edges'))
      : new CloudView(n, document.getElementById('clouds')));
  async function poll() {
    try {
      const [metrics, nodes] = await Promise.all([
        fetch('metrics').then(r => r.text()),
        fetch('api/nodes').then(r => r.json()),
      ]);
      const samples = parseMetrics(metrics);
      const t = Date.now();
      const ready = new Map(nodes.nodes.map(n => [n.role + '/' + n.id, n.ready]));
      for (const v of views) v.update(samples, t, ready.get(v.node.role + '/' + v.node.id));
      status.textContent = 'updated ' + new Date(t).toLocaleTimeString();
      document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
    } catch (e) {
      status.textContent = 'node unreachable: ' + e.message;
    }
  }
  await poll();
  setInterval(poll, POLL_MS);
}

main();
