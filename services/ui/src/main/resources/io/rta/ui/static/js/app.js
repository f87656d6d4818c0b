// RTA viewer: sessions browser + plots + live follow. Plain ES module, hash routing:
//   #/sessions?folder=..&page=..&sort=key:dir&f=<filter json>
//   #/session/<identity>?p=<param id>,<param id>
import { initAuth, userName } from './auth.js';

const apiBase = new URL('../rta/v2/', location.href);
const PAGE_SIZE = 50;
const TOL = 1e-6;               // seconds: default for 'same sample' (REST/stream overlap); periodic channels use interval/2
const LIVE_WINDOWS = [10, 30, 60, 300, 900];
const TOP_PROPS = ['identity', 'state', 'timestamp', 'identifier', 'type', 'quality', 'group', 'version', 'startTimestamp', 'endTimestamp'];
const OPS = ['$eq', '$neq', '$gt', '$gte', '$lt', '$lte', '$contains', '$startsWith', '$endsWith'];
// reads projected beyond this many samples come back as a min/max summary (localStorage rta.viewer.summaryThreshold
// lowers it: for tests, and for a small device)
const SUMMARY_THRESHOLD = Math.max(1, Number(localStorage.getItem('rta.viewer.summaryThreshold')) || 2000000);
const SUMMARY_BUCKETS = 8192;       // buckets of such a summary (<= 4 points each)
const LIVE_FRAME_MS = 30;           // while following live: redraw at most ~30 times a second
const LIVE_KEEP_S = 30;             // while following live: keep this much more than the live window in memory
const COLORS = ['#1f6feb', '#d92d20', '#079455', '#9e77ed', '#f79009', '#0e9384', '#dd2590', '#475467'];

let uPlot, rta, LiveStream, client, auth;
let readyResolve;
const viewer = globalThis.rtaViewer = {
  ready: new Promise((r) => { readyResolve = r; }),
  state: { view: null, identity: null },
  timings: { firstPlotMs: null, lastFetchMs: null, lastDrawMs: null, lastReadPath: null, frames: [] },
  lastQuery: null,
  plots: () => (current && current.plots ? current.plots.snapshot() : []),
  /** Zoom every plot to [t0, t1] (seconds since the epoch), as a user zoom does. */
  zoom: (t0, t1) => { if (current && current.plots) current.plots.userX(+t0, +t1); },
  /** Seconds between the wall clock and the newest sample of any plot (cheap: no data copied). */
  liveLagSeconds: () => {
    const list = current && current.plots ? current.plots.list : [];
    let last = -Infinity;
    for (const p of list) if (p.data && p.data.n) last = Math.max(last, p.data.last);
    return Number.isFinite(last) ? Date.now() / 1000 - last : null;
  },
};
let current = null;   // the active view controller ({kind, dispose(), update?(params), plots?})

// ---------------------------------------------------------------- DOM helpers
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat(Infinity)) if (kid != null && kid !== false) e.append(kid instanceof Node ? kid : String(kid));
  return e;
}

/** A value as one CSS class name (a producer's "failed x" must not add classes of its choosing). */
function classToken(value) {
  return String(value || '').replace(/[^A-Za-z0-9_-]/g, '');
}
const $ = (sel, root = document) => root.querySelector(sel);

function errorText(err) {
  if (!err) return 'Unknown error';
  if (typeof err === 'string') return err;
  if (rta && err instanceof rta.RtaError) {
    const body = err.body && typeof err.body === 'object' ? err.body : null;
    const msg = err.message || (body && (body.message || body.title || body.error)) || 'request failed';
    return err.status ? `${msg} (HTTP ${err.status})` : msg;
  }
  if (err.name === 'AbortError') return 'Cancelled';
  if (err instanceof TypeError && /fetch|network/i.test(err.message)) return `Cannot reach the server: ${err.message}`;
  return err.message || String(err);
}

function showMessage(text, { kind = 'error', action } = {}) {
  const box = $('#messages');
  const m = el('div', { class: `msg ${kind}` }, el('span', {}, text),
    action ? el('button', { onclick: action.run }, action.label) : null,
    el('button', { class: 'close', title: 'Dismiss', onclick: () => m.remove() }, '×'));
  box.append(m);
  while (box.children.length > 5) box.firstChild.remove();
  return m;
}
function showError(err, context) {
  if (err && err.name === 'AbortError') return;
  console.error(context || '', err);
  const text = (context ? context + ': ' : '') + errorText(err);
  const action = err && err.status === 401 && auth && auth.required ? { label: 'Sign in', run: () => auth.login() } : null;
  return showMessage(text, { action });
}
const clearMessages = () => { $('#messages').textContent = ''; };

// ---------------------------------------------------------------- formatting
const nsOf = (x) => (x == null || x === '' ? null : BigInt(String(x)));
const toNs = (x) => (x == null ? undefined : typeof x === 'bigint' ? x : rta.secondsToNs(x));   // seconds or ns -> ns
const secOfNs = (x) => { const n = nsOf(x); return n == null ? null : rta.nsToSeconds(n); };
function fmtTime(s) {
  if (s == null || !isFinite(s)) return '';
  return new Date(s * 1000).toISOString().replace('T', ' ').replace('Z', ' UTC');
}
function fmtDuration(s) {
  if (s == null || !isFinite(s)) return '';
  const sign = s < 0 ? '-' : ''; s = Math.abs(s);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  return `${sign}${h ? h + ':' : ''}${String(m).padStart(h ? 2 : 1, '0')}:${sec.toFixed(3).padStart(6, '0')}`;
}
function fmtTimestamp(ts) {
  if (!ts) return '';
  const d = new Date(ts);
  return isNaN(d) ? String(ts) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');
}
/** C-style format ("%5.3f", "%d", "%s") -> formatter for numbers. */
function cFormatter(fmt) {
  const m = /%[-+ 0#]*\d*(?:\.(\d+))?([dioufFeEgGxXs])/.exec(fmt || '');
  if (!m) return (v) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(6)).toString());
  const p = m[1] == null ? null : +m[1];
  switch (m[2]) {
    case 'd': case 'i': case 'u': return (v) => String(Math.round(v));
    case 'f': case 'F': return (v) => v.toFixed(p == null ? 6 : Math.min(p, 20));
    case 'e': case 'E': return (v) => v.toExponential(p == null ? 6 : p);
    case 'x': case 'X': return (v) => Math.round(v).toString(16);
    default: return (v) => Number(v.toPrecision(p || 6)).toString();
  }
}

// ---------------------------------------------------------------- routing
function parseHash() {
  const h = location.hash.replace(/^#/, '') || '/sessions';
  const q = h.indexOf('?');
  return { path: q < 0 ? h : h.slice(0, q), params: new URLSearchParams(q < 0 ? '' : h.slice(q + 1)) };
}

async function route() {
  const { path, params } = parseHash();
  try {
    if (path.startsWith('/session/')) {
      const identity = decodeURIComponent(path.slice('/session/'.length));
      if (current && current.kind === 'session' && current.identity === identity) return;
      switchView();
      clearMessages();
      viewer.state = { view: 'session', identity };
      current = new SessionView(identity, params);
      await current.start();
    } else {
      if (current && current.kind === 'sessions') { await current.update(params); return; }
      switchView();
      clearMessages();
      viewer.state = { view: 'sessions', identity: null };
      current = new SessionsView(params);
      await current.start();
    }
  } catch (e) {
    showError(e);
  }
}
function switchView() {
  if (current) { try { current.dispose(); } catch (e) { console.error(e); } }
  current = null;
  $('#app').textContent = '';
}

// ================================================================= sessions list
function propPath(key) {
  key = key.trim();
  return TOP_PROPS.includes(key) || key.includes('.') ? key : 'details.' + key;
}

/** Filter state {text, conds:[{key,op,value}], from, to} -> RTA query (or null: no query). */
export function buildQuery(f) {
  const parts = [];
  if (f.text && f.text.trim()) parts.push({ identifier: { $contains: f.text.trim() } });
  for (const c of f.conds || []) {
    if (!c.key || !c.key.trim()) continue;
    parts.push({ [propPath(c.key)]: { [c.op || '$eq']: c.value } });
  }
  const iso = (v) => { const d = new Date(v); return isNaN(d) ? null : d.toISOString(); };
  if (f.from && iso(f.from)) parts.push({ timestamp: { $gte: iso(f.from) } });
  if (f.to && iso(f.to)) parts.push({ timestamp: { $lte: iso(f.to) } });
  if (!parts.length) return null;
  return parts.length === 1 ? parts[0] : { $and: parts };
}

/** Metamodel -> [{path, label, type, values[]}] (top-level props, details, extDetails groups). */
function facetsFrom(mm) {
  const out = [];
  if (!mm || typeof mm !== 'object') return out;
  const add = (path, label, d) => {
    if (!d || typeof d !== 'object') return;
    const vals = (d.constraints && Array.isArray(d.constraints.values) ? d.constraints.values : []).filter((v) => v != null && v !== '');
    out.push({ path, label: d.label || label, type: d.type, values: vals, filter: !(d.capabilities && d.capabilities.filter === false) });
  };
  const props = (group) => (group && typeof group.properties === 'object' && group.properties ? group.properties : group) || {};
  for (const [k, d] of Object.entries(mm)) {
    if (k === 'details') {
      for (const [dk, dd] of Object.entries(props(d))) if (dd && typeof dd === 'object') add('details.' + dk, dk, dd);
    } else if (k === 'extDetails') {
      for (const [gk, g] of Object.entries(d || {})) {
        for (const [dk, dd] of Object.entries(props(g))) if (dd && typeof dd === 'object') add(`extDetails.${gk}.${dk}`, dk, dd);
      }
    } else add(k, k, d);
  }
  return out;
}

class SessionsView {
  constructor(params) {
    this.kind = 'sessions';
    this.facets = [];
    this.metaFolder = undefined;
    this.readParams(params);
    this.seq = 0;
  }
  readParams(params) {
    this.folder = params.get('folder') || '';
    this.page = Math.max(0, parseInt(params.get('page') || '0', 10) || 0);
    this.sort = params.get('sort') || '';
    let f = null;
    try { f = JSON.parse(params.get('f') || 'null'); } catch { f = null; }
    this.filter = { text: '', conds: [], from: '', to: '', ...(f || {}) };
  }
  go(changes) {
    const s = { folder: this.folder, page: this.page, sort: this.sort, filter: this.filter, ...changes };
    const p = new URLSearchParams();
    if (s.folder) p.set('folder', s.folder);
    if (s.page) p.set('page', String(s.page));
    if (s.sort) p.set('sort', s.sort);
    if (buildQuery(s.filter)) p.set('f', JSON.stringify(s.filter));
    const h = '#/sessions' + (p.toString() ? '?' + p : '');
    if (location.hash === h) this.update(new URLSearchParams(p)); else location.hash = h;
  }
  dispose() { this.seq++; }

  async start() {
    const root = $('#app');
    this.q = el('input', { type: 'search', id: 'filter-text', placeholder: 'Search identifiers…', onkeydown: (e) => { if (e.key === 'Enter') this.apply(); } });
    this.from = el('input', { type: 'datetime-local', id: 'filter-from', step: '1', title: 'timestamp from' });
    this.to = el('input', { type: 'datetime-local', id: 'filter-to', step: '1', title: 'timestamp to' });
    this.condBox = el('div', { id: 'conditions' });
    this.keyList = el('datalist', { id: 'detail-keys' });
    this.querySent = el('pre', { id: 'query-sent' }, '');
    this.folderBox = el('div', { class: 'folders' });
    this.facetBox = el('div', { id: 'facets' });
    this.table = el('table', { class: 'list', id: 'sessions' });
    this.pager = el('div', { class: 'pager' });
    root.append(el('div', { class: 'sessions-layout' },
      el('aside', {},
        el('div', { class: 'panel' }, el('h2', {}, 'Folders'), this.folderBox),
        el('div', { class: 'panel' }, el('h2', {}, 'Facets'), this.facetBox)),
      el('section', {},
        el('div', { class: 'panel' },
          el('div', { class: 'filter-row' }, this.q,
            el('label', {}, 'from ', this.from), el('label', {}, 'to ', this.to),
            el('button', { class: 'primary', id: 'filter-apply', onclick: () => this.apply() }, 'Search'),
            el('button', { onclick: () => this.addCond() }, '+ detail condition'),
            el('button', { onclick: () => this.go({ filter: { text: '', conds: [], from: '', to: '' }, page: 0 }) }, 'Clear')),
          this.condBox, this.keyList,
          el('div', { class: 'muted' }, 'Query sent:'), this.querySent),
        this.table, this.pager)));
    this.loadFolders();
    await this.update(null);
  }

  async update(params) {
    if (params) this.readParams(params);
    this.syncInputs();
    const jobs = [this.loadList()];
    if (this.metaFolder !== this.folder) jobs.push(this.loadFacets());
    this.markFolder();
    await Promise.all(jobs);
  }

  syncInputs() {
    this.q.value = this.filter.text || '';
    this.from.value = this.filter.from || '';
    this.to.value = this.filter.to || '';
    this.condBox.textContent = '';
    for (const c of this.filter.conds) this.addCond(c);
  }
  addCond(c = { key: '', op: '$eq', value: '' }) {
    const key = el('input', { class: 'cond-key', list: 'detail-keys', placeholder: 'detail', value: c.key, size: 14 });
    const op = el('select', { class: 'cond-op' }, OPS.map((o) => el('option', { value: o, selected: o === c.op }, o)));
    const val = el('input', { class: 'cond-value', placeholder: 'value', value: c.value == null ? '' : String(c.value), size: 14,
      onkeydown: (e) => { if (e.key === 'Enter') this.apply(); } });
    val._typed = c.value;
    const row = el('div', { class: 'cond' }, 'detail', key, op, val, el('button', { title: 'Remove', onclick: () => { row.remove(); this.apply(); } }, '×'));
    this.condBox.append(row);
    if (!c.key) key.focus();
  }
  coerce(path, op, text, typed) {
    if (typed !== undefined && String(typed) === text) return typed;   // value from a facet keeps its type
    if (['$contains', '$startsWith', '$endsWith'].includes(op)) return text;
    const f = this.facets.find((x) => x.path === path);
    const type = f && f.type;
    if (type === 'number' || type === 'integer') return isFinite(+text) && text.trim() !== '' ? +text : text;
    if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
    if (!type && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text.trim())) return +text;
    if (!type && (text === 'true' || text === 'false')) return text === 'true';
    return text;
  }
  readInputs() {
    const conds = [];
    for (const row of this.condBox.querySelectorAll('.cond')) {
      const key = $('.cond-key', row).value.trim();
      const op = $('.cond-op', row).value;
      const v = $('.cond-value', row);
      if (key) conds.push({ key, op, value: this.coerce(propPath(key), op, v.value, v._typed) });
    }
    return { text: this.q.value.trim(), conds, from: this.from.value, to: this.to.value };
  }
  apply() { this.go({ filter: this.readInputs(), page: 0 }); }
  addFacet(path, value) {
    const f = this.readInputs();
    if (!f.conds.some((c) => propPath(c.key) === path && c.op === '$eq' && c.value === value)) f.conds.push({ key: path, op: '$eq', value });
    this.go({ filter: f, page: 0 });
  }

  async loadList() {
    const seq = ++this.seq;
    const query = buildQuery(this.filter);
    viewer.lastQuery = query;
    this.querySent.textContent = query ? JSON.stringify(query) : '(none: plain GET)';
    this.table.dataset.loading = 'true';
    let page;
    try {
      page = await client.sessions({ pageIndex: this.page, pageSize: PAGE_SIZE, folder: this.folder || undefined, sort: this.sort ? [this.sort] : undefined, query });
    } catch (e) {
      if (seq === this.seq) { this.table.dataset.loading = 'false'; this.table.textContent = ''; showError(e, 'Listing sessions failed'); }
      return;
    }
    if (seq !== this.seq) return;
    this.renderTable((page && page.sessions) || []);
    this.table.dataset.loading = 'false';
  }

  renderTable(sessions) {
    const detailKeys = [];
    for (const s of sessions) for (const k of Object.keys(s.details || {})) if (!detailKeys.includes(k) && detailKeys.length < 4) detailKeys.push(k);
    const cols = [
      { key: 'identifier', label: 'Identifier' },
      { key: 'timestamp', label: 'Timestamp' },
      { key: 'state', label: 'State' },
      { key: 'type', label: 'Type' },
      { key: 'quality', label: 'Quality' },
      ...detailKeys.map((k) => ({ key: 'details.' + k, label: k, detail: k })),
    ];
    const [sortKey, sortDir] = this.sort ? this.sort.split(/:(?=asc$|desc$)/) : ['', ''];
    const head = el('tr', {}, cols.map((c) => el('th', {
      class: c.key ? 'sortable' : null, dataset: c.key ? { sort: c.key } : null,
      title: c.key ? 'Sort by ' + c.label : null,
      onclick: c.key ? () => this.go({ sort: `${c.key}:${sortKey === c.key && sortDir === 'asc' ? 'desc' : 'asc'}`, page: 0 }) : null,
    }, c.label, sortKey === c.key ? el('span', { class: 'dir' }, sortDir === 'asc' ? ' ▲' : ' ▼') : null)));
    const rows = sessions.map((s) => {
      return el('tr', { dataset: { identity: s.identity } },
        el('td', { class: 'wrap' }, el('a', { href: '#/session/' + encodeURIComponent(s.identity) }, s.identifier || s.identity)),
        el('td', {}, fmtTimestamp(s.timestamp)),
        el('td', {}, el('span', { class: 'state ' + classToken(s.state) }, s.state || '')),
        el('td', {}, s.type || ''),
        el('td', {}, s.quality == null ? '' : String(s.quality)),
        detailKeys.map((k) => el('td', {}, s.details && s.details[k] != null ? String(s.details[k]) : '')));
    });
    this.table.textContent = '';
    this.table.append(el('thead', {}, head), el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', { colspan: cols.length, class: 'muted' }, 'No sessions match.'))));
    this.pager.textContent = '';
    this.pager.append(
      el('button', { id: 'page-prev', disabled: this.page === 0, onclick: () => this.go({ page: this.page - 1 }) }, '‹ Previous'),
      el('span', { id: 'page-index' }, `Page ${this.page + 1}`),
      el('button', { id: 'page-next', disabled: sessions.length < PAGE_SIZE, onclick: () => this.go({ page: this.page + 1 }) }, 'Next ›'),
      el('span', { class: 'muted' }, `${sessions.length} session${sessions.length === 1 ? '' : 's'} on this page`));
  }

  async loadFacets() {
    this.metaFolder = this.folder;
    this.facetBox.textContent = 'Loading…';
    try {
      const mm = await client.metamodel(this.folder ? { folder: this.folder } : {});
      this.facets = facetsFrom(mm);
    } catch (e) {
      this.facetBox.textContent = 'Facets unavailable: ' + errorText(e);
      return;
    }
    this.keyList.textContent = '';
    this.keyList.append(...this.facets.map((f) => el('option', { value: f.path })));
    this.facetBox.textContent = '';
    const shown = this.facets.filter((f) => f.values.length && f.filter);
    if (!shown.length) this.facetBox.append(el('span', { class: 'muted' }, 'No facet values.'));
    for (const f of shown) {
      this.facetBox.append(el('div', { class: 'facet', dataset: { facet: f.path } },
        el('div', { class: 'label', title: f.path }, f.label),
        f.values.slice(0, 40).map((v) => el('span', { class: 'chip', title: `${f.path} = ${v}`, onclick: () => this.addFacet(f.path, v) }, String(v)))));
    }
  }

  async loadFolders() {
    const rootNode = el('span', { dataset: { folder: '' }, onclick: () => this.go({ folder: '', page: 0 }) }, 'All sessions');
    this.folderBox.append(el('ul', {}, el('li', {}, el('span', { class: 'twisty' }, ''), rootNode, this.folderList(''))));
    this.markFolder();
  }
  folderList(parent) {
    const ul = el('ul', {}, el('li', { class: 'muted' }, '…'));
    client.folders(parent).then((folders) => {
      ul.textContent = '';
      for (const f of folders || []) {
        let child = null;
        const hasKids = f.hasChildren !== false && f.hasChldren !== false;
        const tw = el('span', { class: 'twisty', onclick: () => {
          if (child) { child.hidden = !child.hidden; } else { child = this.folderList(f.identity); li.append(child); }
          tw.textContent = child.hidden ? '▸' : '▾';
        } }, hasKids ? '▸' : '');
        const li = el('li', {}, tw, el('span', { dataset: { folder: f.identity }, title: f.description || f.identity,
          onclick: () => this.go({ folder: f.identity, page: 0 }) }, f.label || f.identity));
        ul.append(li);
      }
      this.markFolder();
    }).catch((e) => { ul.textContent = ''; if (parent === '') ul.append(el('li', { class: 'muted' }, 'Folders unavailable: ' + errorText(e))); });
    return ul;
  }
  markFolder() {
    for (const s of this.folderBox.querySelectorAll('span[data-folder]')) s.classList.toggle('selected', s.dataset.folder === this.folder);
  }
}

// ================================================================= parallel summary reads
// A read projected beyond SUMMARY_THRESHOLD samples of a periodic channel is split into time segments, each read,
// decoded and folded into a min/max summary over the whole range by a module worker (decoder.js; same origin, as
// the strict CSP requires), and the summaries merged: the decoding leaves the UI thread and overlaps the transfer.
// A worker that cannot start or fails unexpectedly makes the read fall back to the main thread; an RTA error (HTTP
// status with a JSON body) is the read's error.
// Opt-in (localStorage rta.viewer.workers = 'on', or a number of segments 1-8): on the 2-core machines we measure
// on, with the server on the same machine, one main-thread read was faster (README, "Viewer").
const WORKERS_SETTING = localStorage.getItem('rta.viewer.workers');
const WORKERS = WORKERS_SETTING === 'on' ? Math.max(2, Math.min(4, navigator.hardwareConcurrency || 2))
  : Number(WORKERS_SETTING) > 0 ? Math.min(8, Math.floor(Number(WORKERS_SETTING))) : 0;
let pool = null;
function workerPool() {
  if (pool !== null) return pool;
  try {
    if (!WORKERS) throw new Error('workers turned off (localStorage rta.viewer.workers)');
    const p = { workers: [], waiting: new Map(), seq: 0, broken: false };
    for (let i = 0; i < WORKERS; i++) {
      const w = new Worker(new URL('./decoder.js', import.meta.url), { type: 'module', name: 'rta-decoder' });
      w.onmessage = ({ data }) => { const cb = p.waiting.get(data.id); if (cb) { p.waiting.delete(data.id); cb(data); } };
      w.onerror = (e) => {
        p.broken = true;
        for (const cb of p.waiting.values()) cb({ fallback: true, error: e.message || 'worker failed' });
        p.waiting.clear();
      };
      p.workers.push(w);
    }
    pool = p;
  } catch (e) {
    console.warn('viewer: no decoding workers, reads stay on the main thread:', e.message || e);
    pool = false;
  }
  return pool;
}

/**
 * readChannel of a long periodic read as a min/max summary, in segments read in parallel by the workers; null when
 * the read is not projected to need a summary or workers are unavailable (the caller reads on the main thread).
 */
async function parallelSummaryRead(identity, param, startNs, endNs, signal) {
  const channel = param.channel;
  if (startNs == null || endNs == null || !(channel.interval > 0) || !/^(periodic|subSampledPeriodic)$/.test(channel.source)) return null;
  if (Number(endNs - startNs) / channel.interval <= SUMMARY_THRESHOLD) return null;
  const p = workerPool();
  if (!p || p.broken) return null;
  const k = BigInt(p.workers.length);
  const bounds = Array.from({ length: p.workers.length + 1 }, (_, i) => startNs + ((endNs - startNs) * BigInt(i)) / k);
  const range = [rta.nsToSeconds(startNs), rta.nsToSeconds(endNs)];
  const token = auth ? auth.tokenNow() : null;
  const ids = [];
  const parts = await Promise.all(p.workers.map((w, i) => new Promise((resolve) => {
    const id = ++p.seq;
    ids.push([w, id]);
    p.waiting.set(id, resolve);
    w.postMessage({
      id, base: apiBase.href, token, identity, channel: { ...channel }, conversion: param.conversion ?? null, offset: param.offset || 0,
      start: String(bounds[i]), end: String(bounds[i + 1]), range, buckets: SUMMARY_BUCKETS,
      // each segment folds only its own samples (the server answers whole chunks, which overlap the next segment)
      clip: [i > 0 ? rta.nsToSeconds(bounds[i]) : null, i < p.workers.length - 1 ? rta.nsToSeconds(bounds[i + 1]) : null],
    });
    if (signal) signal.addEventListener('abort', () => w.postMessage({ abort: id }), { once: true });
  })));
  if (signal && signal.aborted) throw new DOMException('superseded', 'AbortError');
  const bad = parts.find((r) => r.error && r.rta);
  if (bad) throw new rta.RtaError(bad.error, bad.status, bad.body);
  const broken = parts.find((r) => r.error);
  if (broken) { console.warn('viewer: a decoding worker failed, reading on the main thread:', broken.error); return null; }
  const summary = new rta.MinMaxSummary(range[0], range[1], SUMMARY_BUCKETS);
  for (const r of parts) summary.mergeState(r.state);
  const s = summary.result();
  viewer.timings.lastReadPath = 'workers';
  return { t: s.t, v: s.v, summary: s, chunks: parts.reduce((a, r) => a + r.chunks, 0), bytes: parts.reduce((a, r) => a + r.bytes, 0) };
}

/** Index of the first event at or after time x (events sorted by t). */
function lowerIndex(events, x) {
  let lo = 0, hi = events.length;
  while (lo < hi) { const m = (lo + hi) >>> 1; if (events[m].t < x) lo = m + 1; else hi = m; }
  return lo;
}

/** A Date whose local fields read as the UTC time of ts (seconds): uPlot's tzDate for 'Etc/UTC' without Intl per tick. */
function utcDate(ts) {
  const d = new Date(ts * 1e3);
  return new Date(d.getTime() + d.getTimezoneOffset() * 6e4);
}

// ================================================================= sample buffers
/** Growable sorted (t, v) buffer; append tolerates overlap and out-of-order batches. */
class Series {
  constructor(t = new Float64Array(0), v = new Float64Array(0), tol = TOL) {
    this.t = t; this.v = v; this.n = t.length; this.tol = tol;
    this.summary = null;   // a min/max summary (rta.MinMaxSummary result) instead of every sample
    this.mod = 0;          // bumped when samples other than new last ones change (insert, trim)
    this.trimmed = false;  // older samples were dropped (live)
  }
  /** Drops the samples before time x, at most once a quarter of the buffer is stale (amortized). */
  trimBefore(x) {
    const k = this.lower(x);
    if (k < 4096 || k < this.n / 4) return;
    this.t.copyWithin(0, k, this.n); this.v.copyWithin(0, k, this.n);
    this.n -= k; this.mod++; this.trimmed = true;
  }
  /** Samples read for [x0, x1]: the points themselves, or for a min/max summary the samples folded into it. */
  countIn(x0, x1) { return this.summary ? rta.summaryCount(this.summary, x0, x1) : this.upper(x1) - this.lower(x0); }
  get first() { return this.n ? this.t[0] : NaN; }
  get last() { return this.n ? this.t[this.n - 1] : NaN; }
  reserve(n) {
    if (n <= this.t.length) return;
    const cap = Math.max(n, Math.ceil(this.t.length * 1.5), 1024);
    const t = new Float64Array(cap); t.set(this.t.subarray(0, this.n));
    const v = new Float64Array(cap); v.set(this.v.subarray(0, this.n));
    this.t = t; this.v = v;
  }
  lower(x) { let lo = 0, hi = this.n; while (lo < hi) { const m = (lo + hi) >>> 1; if (this.t[m] < x) lo = m + 1; else hi = m; } return lo; }
  upper(x) { let lo = 0, hi = this.n; while (lo < hi) { const m = (lo + hi) >>> 1; if (this.t[m] <= x) lo = m + 1; else hi = m; } return lo; }
  has(x) { const i = this.lower(x - this.tol); return i < this.n && this.t[i] <= x + this.tol; }
  append(ts, vs) {
    let m = ts.length;
    if (!m) return;
    let sorted = true;
    for (let k = 1; k < m; k++) if (ts[k] < ts[k - 1]) { sorted = false; break; }
    if (!sorted) {
      const idx = Array.from({ length: m }, (_, k) => k).sort((a, b) => ts[a] - ts[b]);
      ts = Float64Array.from(idx, (k) => ts[k]); vs = Float64Array.from(idx, (k) => vs[k]);
    }
    const last = this.n ? this.t[this.n - 1] : -Infinity;
    let k = 0;
    const lateT = [], lateV = [];
    while (k < m && ts[k] <= last + this.tol) {            // overlap with what we have: keep only missing samples
      if (!this.has(ts[k])) { lateT.push(ts[k]); lateV.push(vs[k]); }
      k++;
    }
    if (lateT.length) this.insertSorted(lateT, lateV);
    if (k < m) {
      this.reserve(this.n + m - k);
      this.t.set(ts.subarray(k, m), this.n); this.v.set(vs.subarray(k, m), this.n);
      this.n += m - k;
    }
  }
  insertSorted(ts, vs) {   // rare: out-of-order samples older than the newest one
    const n = this.n + ts.length;
    const t = new Float64Array(Math.max(n, this.t.length)), v = new Float64Array(t.length);
    let i = 0, j = 0, o = 0;
    while (i < this.n || j < ts.length) {
      if (j >= ts.length || (i < this.n && this.t[i] <= ts[j])) { t[o] = this.t[i]; v[o++] = this.v[i++]; } else { t[o] = ts[j]; v[o++] = vs[j++]; }
    }
    this.t = t; this.v = v; this.n = o; this.mod++;
  }
}

// ================================================================= session view
class SessionView {
  constructor(identity, params) {
    this.kind = 'session';
    this.identity = identity;
    this.urlParams = params;
    this.t0 = performance.now();
    this.disposed = false;
  }
  dispose() {
    this.disposed = true;
    if (this.plots) this.plots.dispose();
  }

  async start() {
    const root = $('#app');
    root.append(el('p', { class: 'loading' }, 'Loading session…'));
    let session;
    try {
      session = await client.session(this.identity);
    } catch (e) {
      root.textContent = '';
      root.append(el('div', { class: 'panel' }, el('h2', {}, 'Session not available'), el('p', {}, errorText(e)), el('a', { href: '#/sessions' }, '‹ Back to sessions')));
      return;
    }
    if (this.disposed) return;
    this.session = session;
    root.textContent = '';
    this.head = el('div', { class: 'session-head' });
    this.info = el('div', { class: 'panel', id: 'session-details' });
    this.markersBox = el('div', { class: 'panel markers', id: 'markers' });
    this.relBox = el('div', { class: 'panel', id: 'relations' });
    this.cfgBox = el('div', { class: 'panel', id: 'configs' }, el('h3', {}, 'Configs'), 'Loading…');
    this.pickerBox = el('div', { class: 'panel', id: 'channels' }, el('h3', {}, 'Channels'), 'Loading…');
    const plotsBox = el('div', { class: 'plots', id: 'plots' });
    const lane = el('div', { class: 'events-lane', id: 'events-lane' }, el('span', { class: 'lane-label' }, 'events'));
    const toolbar = el('div', { class: 'toolbar', id: 'plot-toolbar' });
    root.append(this.head, el('div', { class: 'session-layout' },
      el('aside', {}, this.pickerBox, this.info, this.markersBox, this.relBox, this.cfgBox),
      el('section', {}, toolbar, plotsBox, lane)));
    this.renderSession();
    this.plots = new PlotSet(this, plotsBox, lane, toolbar);
    await this.loadConfigs();
  }

  renderSession() {
    const s = this.session;
    const tr = s.timeRange || {};
    const start = secOfNs(tr.startTime), end = secOfNs(tr.endTime);
    this.head.textContent = '';
    this.head.append(el('a', { href: '#/sessions' }, '‹ Sessions'), el('h1', { id: 'session-identifier' }, s.identifier || s.identity),
      el('span', { class: 'state ' + classToken(s.state), id: 'session-state' }, s.state || ''));
    const kv = [['Identity', s.identity], ['Identifier', s.identifier], ['State', s.state], ['Timestamp', fmtTimestamp(s.timestamp)],
      ['Start', fmtTime(start)], ['End', fmtTime(end)], ['Duration', start != null && end != null ? fmtDuration(end - start) : ''],
      ['Type', s.type], ['Quality', s.quality], ['Group', s.group], ['Version', s.version]];
    const det = Object.entries(s.details || {});
    this.info.textContent = '';
    this.info.append(el('h3', {}, 'Session'), el('dl', { class: 'kv' }, kv.filter(([, v]) => v != null && v !== '').map(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))])),
      ...(det.length ? [el('h3', { style: 'margin-top:.7em' }, 'Details'), el('dl', { class: 'kv', id: 'details' }, det.map(([k, v]) => [el('dt', {}, k), el('dd', {}, typeof v === 'object' ? JSON.stringify(v) : String(v))]))] : []));
    // markers (laps)
    this.markers = (s.markers || []).map((m) => {
      const ms = secOfNs(m.startTime), me = m.endTime != null ? secOfNs(m.endTime) : ms;
      return { ...m, s: ms, e: me == null ? ms : me };
    }).filter((m) => m.s != null).sort((a, b) => a.s - b.s);
    this.markersBox.textContent = '';
    this.markersBox.append(el('h3', {}, `Markers (${this.markers.length})`));
    if (this.markers.length) {
      this.markersBox.append(el('table', { class: 'list' }, el('thead', {}, el('tr', {}, el('th', {}, 'Label'), el('th', {}, 'Start'), el('th', {}, 'Duration'))),
        el('tbody', {}, this.markers.map((m) => el('tr', { title: [[m.category, m.type].filter(Boolean).join(' / '), m.description, 'click to zoom'].filter(Boolean).join(' — '), dataset: { marker: m.id || m.label || '' },
          onclick: () => this.plots && this.plots.zoomTo(m.s, m.e > m.s ? m.e : m.s + 1) },
        el('td', {}, m.label || m.id || ''),
        el('td', {}, start != null ? fmtDuration(m.s - start) : fmtTime(m.s)), el('td', {}, fmtDuration(m.e - m.s)))))));
    } else this.markersBox.append(el('span', { class: 'muted' }, 'none'));
    // children and alternates
    this.relBox.textContent = '';
    for (const [label, ids] of [['Children', s.children || []], ['Alternates', s.alternates || []]]) {
      const ul = el('ul', { id: label.toLowerCase() });
      for (const id of ids) {
        const a = el('a', { href: '#/session/' + encodeURIComponent(id) }, id);
        ul.append(el('li', { dataset: { identity: id } }, a));
        client.session(id).then((c) => { a.textContent = c.identifier || id; if (c.group || c.version) a.after(el('span', { class: 'muted' }, ` ${[c.group, c.version].filter(Boolean).join(' ')}`)); }).catch(() => {});
      }
      this.relBox.append(el('h3', {}, `${label} (${ids.length})`), ids.length ? ul : el('div', { class: 'muted' }, 'none'));
    }
  }

  /** Session JSON from the live stream. */
  updateSession(obj) {
    if (!obj || typeof obj !== 'object') return;
    this.session = { ...this.session, ...obj };
    try { this.renderSession(); } catch (e) { console.error(e); }
  }

  async loadConfigs() {
    const bindings = this.session.configBindings || [];
    const results = await Promise.all(bindings.map((b) => client.config(b.identifier).then((cfg) => ({ b, cfg }), (error) => ({ b, error }))));
    if (this.disposed) return;
    this.params = new Map();
    this.eventDefs = new Map();
    this.channelTypes = new Map();   // session channel id -> type, for locating a channel in row data
    const tree = [];
    this.cfgBox.textContent = '';
    this.cfgBox.append(el('h3', {}, `Configs (${bindings.length})`));
    for (const { b, cfg, error } of results) {
      if (error) {
        this.cfgBox.append(el('div', { class: 'msg error' }, `${b.identifier}: ${errorText(error)}`));
        continue;
      }
      const apps = Object.entries(cfg || {}).filter(([, a]) => a && typeof a === 'object');
      this.cfgBox.append(el('div', { dataset: { config: b.identifier } }, el('code', {}, b.identifier), el('span', { class: 'muted' }, ` offset ${b.channelOffset || 0}, ${apps.length} app${apps.length === 1 ? '' : 's'}`)));
      for (const [appName, app] of apps) tree.push(this.appTree(appName, app, b.channelOffset || 0));
    }
    if (!bindings.length) this.cfgBox.append(el('span', { class: 'muted' }, 'No configs bound to this session.'));
    this.renderPicker(tree);
    if (/^(open|waiting)$/i.test(this.session.state || '')) this.plots.startLive();
    else this.plots.setLiveStatus('off');
    this.plots.loadEvents();
    // initial selection: ?p=... or the first plottable parameter
    const want = this.urlParams.get('p');
    let sel = want ? want.split(',').map((id) => this.params.get(id)).filter(Boolean) : [];
    if (!sel.length && !want) { const first = [...this.params.values()].find((p) => p.channel && p.channel.source !== 'row'); if (first) sel = [first]; }
    for (const p of sel) this.toggle(p, true);
  }

  appTree(appName, app, offset) {
    const convs = new Map((app.conversions || []).map((c) => [c.name, c]));
    const chans = new Map((app.channels || []).map((c) => [c.id, c]));
    for (const c of app.channels || []) if (!this.channelTypes.has(c.id + offset)) this.channelTypes.set(c.id + offset, c.type || 'f64');
    for (const ev of app.events || []) this.eventDefs.set(`${appName}:${ev.id}`, ev);
    const byId = new Map();
    for (const p of app.parameters || []) {
      const conv = convs.get(p.conv);
      const chIds = p.channels || [];
      const chDefs = chIds.map((id) => chans.get(id) || { id });
      const ch = chDefs.find((c) => c.source && c.source !== 'row') || chDefs[0];
      const info = {
        key: p.id, id: p.id, name: p.name || p.id, desc: p.desc || '', app: appName,
        unit: p.unit != null ? p.unit : (conv && conv.unit) || '',
        format: p.format || (conv && conv.format) || '',
        conversion: conv, offset: +p.offset || 0,
        conv: rta.converter(conv), transform: rta.valueTransform(conv, +p.offset || 0),
        channel: ch ? { id: ch.id + offset, source: ch.source || 'row', type: ch.type || 'f64', interval: ch.interval || 0 } : null,
      };
      if (!this.params.has(p.id)) this.params.set(p.id, info);
      byId.set(p.id, this.params.get(p.id));
    }
    const used = new Set();
    const group = (g) => ({ label: g.desc || g.id, groups: (g.groups || []).map(group), params: (g.params || []).map((id) => { used.add(id); return byId.get(id); }).filter(Boolean) });
    const root = { label: app.desc || appName, groups: ((app.tree && app.tree.groups) || []).map(group), params: [] };
    root.params = ((app.tree && app.tree.params) || []).map((id) => { used.add(id); return byId.get(id); }).filter(Boolean);
    for (const [id, p] of byId) if (!used.has(id)) root.params.push(p);
    return root;
  }

  renderPicker(tree) {
    const search = el('input', { type: 'search', placeholder: 'Find parameter…', id: 'channel-search', style: 'width:100%;margin-bottom:.4em',
      oninput: () => {
        const q = search.value.trim().toLowerCase();
        for (const lab of this.pickerBox.querySelectorAll('label[data-param]')) lab.hidden = q && !lab.textContent.toLowerCase().includes(q);
        if (q) for (const d of this.pickerBox.querySelectorAll('details')) d.open = true;
      } });
    this.checks = new Map();
    const node = (g, depth) => {
      const kids = [
        ...g.groups.map((c) => node(c, depth + 1)),
        ...g.params.map((p) => {
          const cb = el('input', { type: 'checkbox', disabled: !p.channel, onchange: () => this.toggle(p, cb.checked) });
          (this.checks.get(p.id) || this.checks.set(p.id, []).get(p.id)).push(cb);
          return el('label', { dataset: { param: p.id }, title: `${p.desc}${p.channel ? ` — channel ${p.channel.id} (${p.channel.source}, ${p.channel.type})` : ' — no channel'}` },
            cb, ' ', p.name, p.unit ? el('span', { class: 'unit' }, ` [${p.unit}]`) : null);
        }),
      ];
      return el('details', { open: depth < 2 }, el('summary', {}, g.label), el('ul', {}, kids.map((k) => el('li', {}, k))));
    };
    this.pickerBox.textContent = '';
    this.pickerBox.append(el('h3', {}, `Channels (${this.params.size})`), search,
      el('div', { class: 'picker' }, tree.length ? tree.map((g) => node(g, 0)) : el('span', { class: 'muted' }, 'No parameters.')));
  }

  toggle(p, on) {
    for (const cb of this.checks.get(p.id) || []) cb.checked = on;
    if (on) this.plots.add(p); else this.plots.remove(p.id);
    const ids = this.plots.list.map((x) => x.param.id);
    const params = new URLSearchParams(); if (ids.length) params.set('p', ids.join(','));
    history.replaceState(null, '', '#/session/' + encodeURIComponent(this.identity) + (ids.length ? '?' + params : ''));
  }
}

// ================================================================= plots
class PlotSet {
  constructor(view, box, lane, toolbar) {
    this.view = view;
    this.identity = view.identity;
    this.box = box; this.lane = lane; this.toolbar = toolbar;
    this.list = [];
    this.events = [];
    const tr = view.session.timeRange || {};
    const s0 = secOfNs(tr.startTime), s1 = secOfNs(tr.endTime);
    this.full = s0 != null && s1 != null ? [s0, Math.max(s1, s0 + 1e-3)] : null;
    this.x = this.full ? [...this.full] : null;
    this.live = false; this.follow = false; this.liveWindow = 60; this.liveEnd = null;
    this.fetchTimer = 0; this.raf = 0;
    this.box.append(el('div', { class: 'muted', id: 'plots-empty' }, 'Pick channels on the left to plot them.'));
    this.buildToolbar();
    this.onResize = () => { this.laneGeom = null; this.plotWidth = 0; for (const p of this.list) { p.u.setSize({ width: this.width(), height: p.u.height }); p.key = null; } this.scheduleRedraw(); };
    window.addEventListener('resize', this.onResize);
    this.lastRedraw = -Infinity;
    this.laneGeom = null;   // cached plot-area geometry of the events lane (no layout read per frame)
    this.ro = typeof ResizeObserver === 'function' ? new ResizeObserver(() => { this.laneGeom = null; this.plotWidth = 0; }) : null;
    if (this.ro) this.ro.observe(this.lane);
    // plots scrolled out of view are not redrawn while live (marked stale; drawn when they come into view)
    this.io = typeof IntersectionObserver === 'function' ? new IntersectionObserver((entries) => {
      let show = false;
      for (const e of entries) {
        const p = this.list.find((q) => q.div === e.target);
        if (!p) continue;
        p.visible = e.isIntersecting;
        if (p.visible && p.key === null) show = true;
      }
      if (show) this.scheduleRedraw();
    }, { rootMargin: '100px 0px' }) : null;
  }

  buildToolbar() {
    this.status = el('span', { id: 'live-status', class: 'off' }, 'off');
    this.followBtn = el('button', { id: 'live-follow', hidden: true, onclick: () => this.setFollow(!this.follow) }, 'Pause');
    const win = el('select', { id: 'live-window', hidden: true, title: 'live window', onchange: () => { const before = this.liveWindow; this.liveWindow = +win.value; this.setFollow(true); if (this.liveWindow > before) this.backfill(); } },
      LIVE_WINDOWS.map((w) => el('option', { value: w, selected: w === this.liveWindow }, w < 60 ? `${w} s` : `${w / 60} min`)));
    this.winSel = win;
    const pan = (f) => { if (!this.x) return; const d = (this.x[1] - this.x[0]) * f; this.userX(this.x[0] + d, this.x[1] + d); };
    const zoom = (f) => { if (!this.x) return; const c = (this.x[0] + this.x[1]) / 2, h = (this.x[1] - this.x[0]) * f / 2; this.userX(c - h, c + h); };
    this.rangeLabel = el('span', { class: 'muted', id: 'plot-range' });
    this.toolbar.append(el('span', {}, 'Live: '), this.status, this.followBtn, win,
      el('button', { title: 'Pan left', onclick: () => pan(-0.25) }, '◀'), el('button', { title: 'Pan right', onclick: () => pan(0.25) }, '▶'),
      el('button', { title: 'Zoom in', onclick: () => zoom(0.5) }, '+'), el('button', { title: 'Zoom out', onclick: () => zoom(2) }, '−'),
      el('button', { id: 'zoom-reset', title: 'Show the whole session (double-click a plot does the same)', onclick: () => this.resetZoom() }, 'Whole session'),
      this.rangeLabel,
      el('span', { class: 'muted' }, 'drag: zoom · wheel: zoom · shift+wheel: pan'));
  }

  setLiveStatus(s) { this.status.textContent = s; this.status.className = s; }
  setFollow(on) {
    this.follow = on && this.live;
    this.followBtn.textContent = this.follow ? 'Pause' : 'Follow live';
    this.scheduleRedraw();
  }
  width() { return Math.max(200, this.box.clientWidth - 16); }

  dispose() {
    this.disposed = true;
    this.stopLive(null);
    clearTimeout(this.fetchTimer); cancelAnimationFrame(this.raf);
    window.removeEventListener('resize', this.onResize);
    if (this.io) this.io.disconnect();
    if (this.ro) this.ro.disconnect();
    for (const p of this.list) { if (p.abort) p.abort.abort(); p.u.destroy(); }
    this.list = [];
  }

  // ---- plots
  add(param) {
    if (this.list.some((p) => p.param.id === param.id)) return;
    $('#plots-empty', this.box)?.remove();
    const color = COLORS[this.list.length % COLORS.length];
    const div = el('div', { class: 'plot', dataset: { channel: param.name, channelId: param.channel ? param.channel.id : '', points: 0, loaded: 0 } });
    const msg = el('span', { class: 'plot-msg' }, 'loading…');
    div.append(el('div', { class: 'plot-head' }, el('b', { style: `color:${color}` }, param.name), el('span', { class: 'muted' }, [param.desc, param.unit && `[${param.unit}]`].filter(Boolean).join(' ')), msg,
      el('button', { class: 'x', title: 'Remove plot', onclick: () => this.view.toggle(param, false) }, '×')));
    this.box.append(div);
    const fmt = param.conv && param.conv.numeric === false ? (v) => String(param.conv.apply(v)) : cFormatter(param.format);
    const tol = param.channel && param.channel.interval > 0 ? Math.max(TOL, param.channel.interval * 0.45e-9) : TOL;
    const p = { param, div, msg, color, tol, data: new Series(undefined, undefined, tol), zoom: null, drawn: 0, loadedCount: 0, pending: null, loading: true, fmt,
      visible: true, key: null, attrs: {} };
    const self = this;
    p.u = new uPlot({
      width: this.width(), height: 170,
      tzDate: utcDate,   // UTC, like the tables
      legend: { show: true, live: true },
      scales: { x: { time: true, auto: false } },
      cursor: {
        sync: { key: 'rta-' + this.identity, setSeries: false },
        drag: { x: true, y: false, setScale: true },
        bind: { dblclick: () => () => { self.resetZoom(); return null; } },
      },
      axes: [{ grid: { stroke: '#eee' } }, { size: 60, grid: { stroke: '#eee' }, label: param.unit || '', values: (u, vals) => vals.map((v) => (param.conv && param.conv.numeric === false ? (Number.isInteger(v) ? String(param.conv.apply(v)) : '') : +v.toPrecision(6))) }],
      series: [
        { value: (u, v) => (v == null ? '' : fmtTime(v)) },
        { label: param.name + (param.unit ? ` [${param.unit}]` : ''), stroke: color, width: 1, points: { show: false }, value: (u, v) => (v == null ? '' : fmt(v)) },
      ],
      hooks: {
        // fires (asynchronously) for our own setScale calls too: only a range different from ours is a user zoom
        setScale: [(u, key) => { const { min, max } = u.scales.x; if (key === 'x' && min != null && u.data[0].length && !self.sameX(min, max)) self.userX(min, max); }],
        drawClear: [(u) => self.drawMarkers(u, false)],
        draw: [(u) => self.drawMarkers(u, true)],
      },
    }, [[], []], div);
    p.u.over.addEventListener('wheel', (e) => this.onWheel(e, p.u), { passive: false });
    this.list.push(p);
    this.laneGeom = null;
    if (this.io) this.io.observe(div);
    if (this.live) this.subscribe();
    this.load(p);
  }

  remove(id) {
    const i = this.list.findIndex((p) => p.param.id === id);
    if (i < 0) return;
    const [p] = this.list.splice(i, 1);
    if (p.abort) p.abort.abort();
    if (this.io) this.io.unobserve(p.div);
    this.laneGeom = null;
    p.u.destroy(); p.div.remove();
    if (!this.list.length) this.box.append(el('div', { class: 'muted', id: 'plots-empty' }, 'Pick channels on the left to plot them.'));
    this.scheduleRedraw();
  }

  /** Convert raw decoded values in place (rta.valueTransform: numeric conversions, then the offset). */
  convert(p, v) { const f = p.param.transform; return f ? f(v) : v; }

  async read(p, startS, endS) {
    if (p.abort) p.abort.abort();
    const ac = (p.abort = new AbortController());
    const t = performance.now();
    const ns0 = toNs(startS), ns1 = toNs(endS);
    // long reads come back as a min/max summary over [ns0, ns1] (values converted before folding); short ones exact
    let r = await parallelSummaryRead(this.identity, p.param, ns0, ns1, ac.signal);
    if (!r) viewer.timings.lastReadPath = 'main';
    if (!r) r = await client.readChannel(this.identity, p.param.channel, ns0, ns1, {
      signal: ac.signal,
      transform: (v) => this.convert(p, v),
      summarize: { threshold: SUMMARY_THRESHOLD, buckets: SUMMARY_BUCKETS },
      rowTypes: (id) => this.view.channelTypes && this.view.channelTypes.get(id),
      onProgress: p.loading ? (pr) => {   // at most every 100 ms: no DOM write per network read
        const now = performance.now();
        if (now - (p.progressAt || 0) < 100) return;
        p.progressAt = now;
        p.msg.textContent = `loading… ${(pr.samples || 0).toLocaleString()} samples`;
      } : undefined,
    });
    if (ac.signal.aborted) throw new DOMException('superseded', 'AbortError');
    viewer.timings.lastFetchMs = Math.round(performance.now() - t);
    if (p.abort === ac) p.abort = null;
    const s = new Series(r.t, r.v, p.tol);
    if (r.summary) s.summary = r.summary;
    return s;
  }

  /** Initial load: the whole session (up to now when live); streamed samples queue in p.pending meanwhile. */
  async load(p) {
    p.loading = true;
    p.msg.className = 'plot-msg'; p.msg.textContent = 'loading…';
    try {
      if (!p.param.channel) throw new Error('the parameter has no channel');
      const tr = this.view.session.timeRange || {};
      const s = await this.read(p, nsOf(tr.startTime), this.live ? null : nsOf(tr.endTime));   // exact ns bounds
      if (this.disposed || !this.list.includes(p)) return;
      const pending = p.pending || [];
      p.data = s; p.pending = null; p.loading = false;
      for (const [t, v] of pending) p.data.append(t, v);
      p.msg.textContent = s.summary ? `${s.summary.count.toLocaleString()} samples (min/max summary; zoom in for detail)` : `${p.data.n.toLocaleString()} samples`;
      if (!this.full && p.data.n) { this.full = [p.data.first, Math.max(p.data.last, p.data.first + 1e-3)]; }
      if (!this.x && this.full) this.x = [...this.full];
      if (this.live && this.follow) this.x = null;
      this.drawAll();
      if (viewer.timings.firstPlotMs == null || !this.firstDone) {
        this.firstDone = true;
        viewer.timings.firstPlotMs = Math.round(performance.now() - this.view.t0);
        viewer.timings.firstPlotAt = Math.round(performance.now());
      }
    } catch (e) {
      p.loading = false; p.pending = null;
      if (e.name === 'AbortError') return;
      p.msg.className = 'plot-msg error'; p.msg.textContent = errorText(e);
    }
  }

  /** Source used for the visible range: the range fetch when it covers it, else the whole-session data. */
  source(p) {
    const z = p.zoom;
    if (z && this.x && z.t0 <= this.x[0] && z.t1 >= this.x[1] && !(this.live && this.follow)) return z.data;
    return p.data;
  }

  // ---- x range
  sameX(a, b) { if (!this.x) return false; const tol = (this.x[1] - this.x[0]) * 1e-7 + 1e-9; return Math.abs(a - this.x[0]) <= tol && Math.abs(b - this.x[1]) <= tol; }
  userX(x0, x1) {
    if (!(x1 > x0)) return;
    if (this.live && this.follow) this.setFollow(false);
    this.x = [x0, x1];
    this.drawAll();
    clearTimeout(this.fetchTimer);
    this.fetchTimer = setTimeout(() => this.fetchVisible(), 150);
  }
  zoomTo(a, b) { const pad = (b - a) * 0.02; this.userX(a - pad, b + pad); }
  resetZoom() {
    for (const p of this.list) p.zoom = null;
    const f = this.extent();
    if (f) { this.userX(f[0], f[1]); }
  }
  extent() {
    let a = this.full ? this.full[0] : Infinity, b = this.full ? this.full[1] : -Infinity;
    for (const p of this.list) if (p.data.n) { a = Math.min(a, p.data.first); b = Math.max(b, p.data.last); }
    if (this.liveEnd != null) b = Math.max(b, this.liveEnd);
    return isFinite(a) && isFinite(b) ? [a, Math.max(b, a + 1e-3)] : null;
  }

  /** After zoom/pan settles: fetch just the visible range for each plot (whole-session data stays for zooming out). */
  async fetchVisible() {
    if (!this.x || (this.live && this.follow)) return;
    const [x0, x1] = this.x;
    const f = this.extent();
    await Promise.all(this.list.map(async (p) => {
      if (p.loading || !p.param.channel) return;
      if (f && x0 <= f[0] && x1 >= f[1] && !p.data.trimmed && !this.live) { p.zoom = null; return; }   // whole range: already loaded
      // an exact range fetch covering the view serves it; a summary only while the view is about as wide as it
      if (p.zoom && p.zoom.t0 <= x0 && p.zoom.t1 >= x1 && (!p.zoom.data.summary || x1 - x0 >= 0.9 * (p.zoom.t1 - p.zoom.t0))) return;
      try {
        const data = await this.read(p, x0, x1);
        if (this.disposed || !this.list.includes(p)) return;
        p.zoom = { t0: x0, t1: x1, data };
        if (this.x && this.x[0] === x0 && this.x[1] === x1) this.drawPlot(p);
      } catch (e) {
        if (e.name !== 'AbortError') { p.msg.className = 'plot-msg error'; p.msg.textContent = errorText(e); }
      }
    }));
  }

  onWheel(e, u) {
    if (!this.x) return;
    e.preventDefault();
    const [x0, x1] = this.x, w = x1 - x0;
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      const d = (e.shiftKey ? e.deltaY || e.deltaX : e.deltaX) / u.over.clientWidth * w;
      this.userX(x0 + d, x1 + d);
    } else {
      const at = u.posToVal(e.offsetX, 'x');
      const k = e.deltaY > 0 ? 1.25 : 0.8;
      this.userX(at - (at - x0) * k, at + (x1 - at) * k);
    }
  }

  // ---- drawing
  scheduleRedraw() {
    if (this.raf || this.disposed) return;
    const frame = (now) => {
      // following live: at most ~30 redraws a second (the other animation frames stay free for the browser)
      if (this.live && this.follow && now - this.lastRedraw < LIVE_FRAME_MS) { this.raf = requestAnimationFrame(frame); return; }
      this.raf = 0;
      this.lastRedraw = now;
      const t = performance.now();
      this.drawAll();
      if (this.live) {
        const fr = viewer.timings.frames;
        fr.push(+(performance.now() - t).toFixed(2));
        if (fr.length > 2000) fr.splice(0, fr.length - 2000);
      }
    };
    this.raf = requestAnimationFrame(frame);
  }

  drawAll() {
    if (this.live && (this.follow || !this.x)) {
      let end = this.liveEnd != null ? this.liveEnd : -Infinity;
      for (const p of this.list) if (p.data.n) end = Math.max(end, p.data.last);
      if (isFinite(end)) this.x = [end - this.liveWindow, end];
    }
    if (!this.x) return;
    const t = performance.now();
    const live = this.live;
    for (const p of this.list) {
      if (live && !p.visible) {   // out of view while live: drawn when it scrolls in; its counts kept current (1/s)
        p.key = null;
        if (!(t - (p.metaAt || 0) < 1000)) { p.metaAt = t; this.updateMeta(p); }
        continue;
      }
      this.drawPlot(p);
    }
    viewer.timings.lastDrawMs = +(performance.now() - t).toFixed(1);   // decimate + draw, all plots
    this.drawEvents();
    const label = `${fmtTime(this.x[0])} — ${fmtDuration(this.x[1] - this.x[0])}`;
    if (label !== this.rangeText) this.rangeLabel.textContent = this.rangeText = label;
  }

  /** Live window made longer: read what the live buffers dropped (or never had) for the new window. */
  async backfill() {
    if (!this.live) return;
    let end = this.liveEnd != null ? this.liveEnd : -Infinity;
    for (const p of this.list) if (p.data.n) end = Math.max(end, p.data.last);
    if (!isFinite(end)) return;
    const from = end - this.liveWindow;
    await Promise.all(this.list.map(async (p) => {
      if (p.loading || !p.param.channel || !p.data.n || p.data.first <= from) return;
      try {
        const s = await this.read(p, from, p.data.first);
        if (this.disposed || !this.list.includes(p) || s.summary) return;
        p.data.append(s.t.subarray(0, s.n), s.v.subarray(0, s.n));
        p.key = null;
        this.scheduleRedraw();
      } catch (e) {
        if (e.name !== 'AbortError') console.warn('backfill', e);
      }
    }));
  }

  /** range / loaded count / data-loaded of a plot that is not redrawn (out of view). */
  updateMeta(p) {
    const [x0, x1] = this.x;
    const s = this.source(p);
    p.range = [x0, x1];
    p.loadedCount = s.countIn(x0, x1);
    this.setAttrs(p, p.drawn, p.loadedCount, s.summary ? 'true' : 'false');
  }

  /** Sets p.div's data attributes that changed (no DOM write for an unchanged value). */
  setAttrs(p, points, loaded, summary) {
    const a = p.attrs, d = p.div.dataset;
    if (a.points !== points) d.points = String(a.points = points);
    if (a.loaded !== loaded) d.loaded = String(a.loaded = loaded);
    if (a.summary !== summary) d.summary = a.summary = summary;
  }

  drawPlot(p) {
    const [x0, x1] = this.x;
    const s = this.source(p);
    // nothing to redraw when the range, the source and the samples it shows (with one neighbour each side) are
    // the same as last time (e.g. paused while live samples arrive after the view)
    const lo = s.summary ? 0 : s.lower(x0), hi = s.summary ? s.n : s.upper(x1);
    const key = p.key;
    if (key && key.x0 === x0 && key.x1 === x1 && key.s === s && key.mod === s.mod && key.lo === lo && key.hi === hi
        && key.edge === Math.min(hi + 1, s.n)) return;
    p.key = { x0, x1, s, mod: s.mod, lo, hi, edge: Math.min(hi + 1, s.n) };
    p.loadedCount = s.summary ? s.countIn(x0, x1) : hi - lo;
    p.range = [x0, x1];
    // ~2 points per pixel (first/min/max/last per 2-px bucket), plus one neighbour either side of the range
    if (!this.plotWidth) this.plotWidth = p.u.over.clientWidth || this.width();
    const buckets = Math.max(50, Math.round(this.plotWidth / 2));
    const d = rta.minMaxDecimate(s.t.subarray(0, s.n), s.v.subarray(0, s.n), x0, x1, buckets);
    p.drawn = d.t.length;
    p.u.setData([d.t, d.v], false);            // one uPlot commit (a microtask) for both
    p.u.setScale('x', { min: x0, max: x1 });
    this.setAttrs(p, p.drawn, p.loadedCount, s.summary ? 'true' : 'false');
    if (!this.live && !p.loading && s !== p.shownSource && !p.msg.classList.contains('error')) {
      p.shownSource = s;
      p.msg.textContent = s.summary ? `${p.loadedCount.toLocaleString()} samples (min/max summary; zoom in for detail)` : `${p.loadedCount.toLocaleString()} samples`;
    }
  }

  drawMarkers(u, labels) {
    const ms = this.view.markers || [];
    if (!ms.length || u.scales.x.min == null) return;
    const { left, top, width, height } = u.bbox;
    const ctx = u.ctx, dpr = devicePixelRatio || 1;
    ctx.save();
    ctx.beginPath(); ctx.rect(left, top, width, height); ctx.clip();
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ms.forEach((m, i) => {
      const a = u.valToPos(m.s, 'x', true), b = u.valToPos(m.e, 'x', true);
      if (b < left || a > left + width) return;
      if (!labels) {
        ctx.fillStyle = i % 2 ? 'rgba(31,111,235,0.07)' : 'rgba(247,144,9,0.09)';
        ctx.fillRect(a, top, Math.max(dpr, b - a), height);
        ctx.fillStyle = 'rgba(71,84,103,0.55)';
        ctx.fillRect(a, top, dpr, height);
      } else if (m.label && b - Math.max(a, left) > 36 * dpr) {
        ctx.fillStyle = '#344054'; ctx.textBaseline = 'top'; ctx.textAlign = 'left';
        ctx.fillText(m.label, Math.max(a, left) + 4 * dpr, top + 3 * dpr);
      }
    });
    ctx.restore();
  }

  // ---- events lane
  async loadEvents() {
    try {
      const tr = this.view.session.timeRange || {};
      const evs = await client.readEvents(this.identity, nsOf(tr.startTime) ?? undefined, this.live ? undefined : nsOf(tr.endTime) ?? undefined);
      if (this.disposed) return;
      this.events = evs.concat(this.events).sort((a, b) => a.t - b.t);
      this.drawEvents();
    } catch (e) {
      this.lane.title = 'Events unavailable: ' + errorText(e);
    }
  }
  drawEvents() {
    const lane = this.lane;
    if (!this.ticks) this.ticks = [];
    const ticks = this.ticks;
    let shown = 0;
    if (this.x && this.events.length) {
      if (!this.laneGeom || !this.live) {   // live: layout read only when the plots or their sizes change
        const ref = this.list[0] && this.list[0].u.over;
        const laneBox = lane.getBoundingClientRect();
        let left = 0, width = laneBox.width;
        if (ref) { const r = ref.getBoundingClientRect(); left = r.left - laneBox.left; width = r.width; }
        this.laneGeom = { left, width };
      }
      const { left, width } = this.laneGeom;
      const [x0, x1] = this.x;
      let lastPx = -10;
      const i0 = lowerIndex(this.events, x0);
      for (let i = i0; i < this.events.length; i++) {
        const ev = this.events[i];
        if (ev.t > x1) break;
        const px = left + (ev.t - x0) / (x1 - x0) * width;
        if (px - lastPx < 2) continue;   // at most one tick every 2 px
        lastPx = px;
        let tick = ticks[shown];
        if (!tick) { tick = ticks[shown] = el('span', { class: 'tick' }); tick._ev = null; }
        if (tick._ev !== ev) {
          tick._ev = ev;
          const def = this.view.eventDefs && (this.view.eventDefs.get(`${ev.appName}:${ev.id}`) || null);
          tick.className = 'tick ' + classToken(def && def.pri);
          tick.title = [fmtTime(ev.t), def && def.desc, ev.appName, ev.statusText, ev.rawData && ev.rawData.length ? `data ${ev.rawData.join(', ')}` : ''].filter(Boolean).join(' · ');
          tick.dataset.eventId = ev.id;
        }
        const leftCss = `${px.toFixed(1)}px`;
        if (tick._left !== leftCss) tick.style.left = tick._left = leftCss;
        if (!tick.isConnected) lane.append(tick);
        if (++shown > 3000) break;
      }
    }
    for (let i = shown; i < ticks.length; i++) if (ticks[i].isConnected) ticks[i].remove();
    if (ticks.length > shown + 500) ticks.length = shown;
    const n = String(shown);
    if (lane.dataset.events !== n) lane.dataset.events = n;
  }

  // ---- live
  startLive() {
    if (!LiveStream) { this.setLiveStatus('off'); return; }
    this.live = true; this.follow = true; this.x = null;
    this.setLiveStatus('live');
    this.followBtn.hidden = false; this.winSel.hidden = false; this.setFollow(true);
    const route = (channelId) => this.list.filter((p) => p.param.channel && p.param.channel.id === channelId);
    const feed = (p, t, v) => {
      if (p.loading) { (p.pending || (p.pending = [])).push([t, v]); return; }
      p.data.append(t, v);
      // bounded live buffers: while following, samples older than the window (plus a margin) are dropped
      if (this.follow && p.data.n) p.data.trimBefore(p.data.last - this.liveWindow - LIVE_KEEP_S);
      this.scheduleRedraw();
    };
    try {
      this.stream = new LiveStream(this.identity, {
        base: apiBase,
        token: auth.tokenNow(),
        onSessionJson: (obj) => {
          if (typeof obj === 'string') { try { obj = JSON.parse(obj); } catch { return; } }
          this.view.updateSession(obj);
          if (obj && obj.state && !/^(open|waiting)$/i.test(obj.state)) this.stopLive('closed');
        },
        onTimeRange: (s0, s1) => {
          if (s1 != null && isFinite(s1)) this.liveEnd = Math.max(this.liveEnd ?? -Infinity, s1);
          if (s0 != null && isFinite(s0) && this.full) this.full[0] = Math.min(this.full[0], s0);
          this.scheduleRedraw();
        },
        onPeriodic: ({ channelId, t0, interval, samples, buffer }) => {
          const ps = route(channelId);
          if (!ps.length) return;
          const n = samples;
          const t = new Float64Array(n);
          for (let i = 0; i < n; i++) t[i] = t0 + i * interval;
          for (const p of ps) feed(p, t, this.convert(p, rta.decodeSamples(buffer, p.param.channel.type, n)));
        },
        onTimestamped: ({ channelId, t, buffer }) => {
          for (const p of route(channelId)) feed(p, t, this.convert(p, rta.decodeSamples(buffer, p.param.channel.type, t.length)));
        },
        onRow: ({ ids, t, buffer }) => {
          const typeOf = (id) => this.view.channelTypes && this.view.channelTypes.get(id);
          for (const id of ids) {
            for (const p of route(id)) {
              let v;
              try {
                v = rta.rowValue(ids, buffer, id, typeOf);
              } catch (e) {   // this row cannot be read for this plot: say so once, go on with the stream
                if (!p.rowError) { p.rowError = true; p.msg.className = 'plot-msg error'; p.msg.textContent = errorText(e); }
                continue;
              }
              if (v !== null) feed(p, Float64Array.of(t), this.convert(p, Float64Array.of(v)));
            }
          }
        },
        onEvent: (ev) => { if (ev) { this.events.push(ev); if (this.events.length > 1 && this.events[this.events.length - 2].t > ev.t) this.events.sort((a, b) => a.t - b.t); this.scheduleRedraw(); } },
        onClose: ({ code, reason } = {}) => { if (this.live) { this.stopLive('closed'); if (code && code !== 1000 && code !== 1005) showMessage(`Live stream closed (${code}${reason ? ': ' + reason : ''}).`, { kind: 'info' }); } },
        onError: (err) => showError(err, 'Live stream'),
      });
      this.subscribe();
    } catch (e) {
      this.live = false; this.setLiveStatus('off');
      showError(e, 'Cannot follow the live session');
    }
  }
  subscribe() {
    if (!this.stream) return;
    try { this.stream.subscribe({ allEvents: true, channelIds: this.list.filter((p) => p.param.channel).map((p) => p.param.channel.id) }); } catch (e) { showError(e, 'Live subscription'); }
  }
  stopLive(status) {
    const s = this.stream;
    this.stream = null;
    const was = this.live;
    this.live = false; this.follow = false;
    if (s) { try { s.close(); } catch { /* ignore */ } }
    if (status) this.setLiveStatus(status);
    if (was && !this.disposed) {
      this.followBtn.hidden = true; this.winSel.hidden = true;
      const f = this.extent();
      if (f) this.full = f;
      this.scheduleRedraw();
    }
  }

  // ---- test hook
  snapshot() {
    return this.list.map((p) => {
      const s = this.source(p);
      const [x0, x1] = this.x || [NaN, NaN];
      const lo = s.lower(x0), hi = s.upper(x1);
      const conv = p.param.conv;
      let v = Array.from(s.v.subarray(lo, hi));
      if (conv && conv.numeric === false) v = v.map((x) => conv.apply(x));
      return { channel: p.param.name, id: p.param.channel && p.param.channel.id, unit: p.param.unit,
        loaded: { t: Array.from(s.t.subarray(lo, hi)), v }, drawn: p.drawn, range: [x0, x1], summary: !!s.summary };
    });
  }
}

// ================================================================= boot
async function main() {
  window.addEventListener('error', (e) => showMessage('Unexpected error: ' + (e.message || e.error)));
  window.addEventListener('unhandledrejection', (e) => showError(e.reason));
  try {
    [{ default: uPlot }, rta] = await Promise.all([import('../vendor/uplot/uPlot.esm.js'), import('./rta.js')]);
  } catch (e) {
    $('#app').textContent = '';
    showMessage('The viewer could not load its scripts: ' + errorText(e));
    readyResolve();
    return;
  }
  try { ({ LiveStream } = await import('./stream.js')); } catch (e) { console.warn('live streaming unavailable', e); }
  auth = await initAuth(apiBase);
  const status = $('#auth-status');
  if (auth.required) {
    const name = userName();
    if (auth.tokenNow()) status.append(name ? `Signed in as ${name}` : 'Signed in', el('button', { onclick: () => auth.logout() }, 'Sign out'));
    else status.append(el('button', { class: 'primary', id: 'login', onclick: () => auth.login().catch((e) => showError(e, 'Sign-in')) }, 'Sign in'));
  }
  if (auth.error) showMessage(auth.error, { action: { label: 'Sign in', run: () => auth.login().catch((e) => showError(e, 'Sign-in')) } });
  client = new rta.RtaClient({ base: apiBase, token: auth.token });
  if (WORKERS) workerPool();   // the decoding workers load their modules while the page loads its first view
  window.addEventListener('hashchange', route);
  await route();
  readyResolve();
}
main().catch((e) => { showError(e); readyResolve(); });
