// The status page: renders the snapshots the bridge streams on /events (server-sent events).
'use strict';

const FIELDS = [
  ['ev/range', 'Range'],
  ['battery/charging_status', 'Charging'],
  ['battery/plug_status', 'Plug'],
  ['battery/aux_level', '12 V battery'],
  ['doors/locked', 'Locked'],
  ['vehicle/location', 'Location'],
  ['vehicle/odometer', 'Odometer'],
  ['ev/charge_limit', 'Charge limit'],
  ['status/last_updated', 'Car updated'],
  ['status/data_source', 'Data source'],
  ['status/update_method', 'Read by'],
];
let snapshot = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null) continue;
    // through the CSSOM: the page's Content-Security-Policy refuses style attributes
    if (k === 'style') node.style.cssText = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : String(c));
  return node;
}

function words(s) { return String(s).replace(/_/g, ' '); }

function age(iso) {
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (!isFinite(s)) return '';
  if (s < 90) return s + ' s ago';
  if (s < 5400) return Math.round(s / 60) + ' min ago';
  if (s < 129600) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' d ago';
}

function shown(leaf, payload) {
  const v = payload.value;
  if (leaf === 'vehicle/location') {
    const text = v.latitude.toFixed(5) + ', ' + v.longitude.toFixed(5);
    return el('a', {href: 'https://www.openstreetmap.org/?mlat=' + v.latitude + '&mlon=' + v.longitude
      + '#map=16/' + v.latitude + '/' + v.longitude, rel: 'noreferrer noopener', target: '_blank'}, text);
  }
  if (leaf === 'status/last_updated') {
    return el('span', {}, new Date(v).toLocaleString(), ' ', el('small', {class: 'muted age', 'data-age': v}, age(v)));
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return words(v);
  return payload.json + (payload.unit ? ' ' + payload.unit : '');
}

function outcomeText(o) {
  let text = (o.mode || o.command || 'command') + ': ' + o.status;
  if (o.reason) text += ' — ' + o.reason;
  if (o.dataSource) text += ' (' + o.dataSource + ')';
  text += ', ' + o.upstreamCalls + ' call' + (o.upstreamCalls === 1 ? '' : 's') + ', '
    + (o.durationMs / 1000).toFixed(1) + ' s';
  return text;
}

function outcomeClass(o) {
  return o.status === 'ok' || o.status === 'coalesced' ? 'ok' : o.status === 'failed' ? 'bad' : 'warn';
}

// The card is rebuilt on every snapshot, so the line is looked up again whenever it changes.
function line(vehicleId) {
  return document.querySelector('.car[data-vehicle="' + CSS.escape(vehicleId) + '"] .outcome');
}

function press(vehicleId, mode) {
  const sent = line(vehicleId);
  sent.closest('.card').querySelectorAll('button').forEach(b => { b.disabled = true; });
  sent.className = 'outcome';
  sent.removeAttribute('data-result');
  sent.textContent = mode + ': sent…';
  fetch('api/vehicles/' + encodeURIComponent(vehicleId) + '/refresh', {method: 'POST',
    headers: {'Content-Type': 'application/json'}, body: JSON.stringify({mode: mode})})
    .then(r => r.json().then(body => ({ok: r.ok, body: body})))
    .then(({ok, body}) => {
      if (!ok) throw new Error(body.error || 'refused');
      const waiting = line(vehicleId);
      waiting.setAttribute('data-pending', body.id);
      waiting.textContent = mode + ': waiting for the outcome…';
      if (snapshot) renderCars(snapshot); // the outcome may have come before this answer
    })
    .catch(e => {
      const failed = line(vehicleId);
      failed.className = 'outcome bad';
      failed.textContent = mode + ': ' + e.message;
      failed.closest('.card').querySelectorAll('button').forEach(b => { b.disabled = false; });
    });
}

function carCard(car) {
  const values = car.values || {};
  const soc = values['battery/level'];
  const card = el('article', {class: 'card car', 'data-vehicle': car.id});
  card.append(el('div', {class: 'car-head'}, el('h2', {}, car.name || car.id),
    el('small', {}, [car.model, car.id].filter(Boolean).join(' · '))));
  const socBox = el('div', {class: 'soc'});
  const big = el('span', {class: 'big', 'data-field': 'battery/level',
    'data-value': soc ? soc.json : null}, soc ? soc.json + ' %' : '–');
  const bar = el('div', {class: 'bar'}, el('div', {style: 'width:' + (soc ? Math.max(0, Math.min(100, soc.value)) : 0) + '%'}));
  socBox.append(big, bar);
  card.append(socBox);
  const dl = el('dl', {class: 'grid'});
  for (const [leaf, label] of FIELDS) {
    const payload = values[leaf];
    dl.append(el('dt', {}, label), el('dd', {'data-field': leaf,
      'data-value': payload ? payload.json : null}, payload ? shown(leaf, payload) : '–'));
  }
  if (car.wakes) {
    dl.append(el('dt', {}, 'Wakes'), el('dd', {'data-field': 'wakes'}, car.wakes.today + ' today, ' + car.wakes.total + ' in all'));
  }
  card.append(dl);
  const box = el('div', {class: 'actions'});
  const buttons = el('div', {class: 'buttons'});
  for (const mode of ['cached', 'smart', 'force']) {
    const b = el('button', {type: 'button', class: mode, 'data-mode': mode}, mode);
    b.addEventListener('click', () => press(car.id, mode));
    buttons.append(b);
  }
  box.append(buttons, el('div', {class: 'outcome', role: 'status'}));
  card.append(box);
  const list = el('ul', {class: 'plain outcomes'});
  for (const o of car.outcomes || []) {
    list.append(el('li', {'data-outcome-id': o.id, 'data-status': o.status},
      el('small', {class: 'muted'}, new Date(o.at).toLocaleTimeString() + ' '), outcomeText(o)));
  }
  if (!list.childElementCount) list.append(el('li', {class: 'muted'}, 'no command yet'));
  card.append(el('h3', {}, 'Last outcomes'), list);
  return card;
}

function settle(cards, previous) {
  // carry over a button's "waiting" line, or show its outcome once it is there
  for (const card of cards.querySelectorAll('.car')) {
    const id = card.getAttribute('data-vehicle');
    const old = previous.get(id);
    const line = card.querySelector('.outcome');
    const waiting = old && old.getAttribute('data-pending');
    if (!waiting) {
      if (old) {
        line.className = old.className;
        line.textContent = old.textContent;
        if (old.hasAttribute('data-result')) line.setAttribute('data-result', old.getAttribute('data-result'));
      }
      continue;
    }
    const done = card.querySelector('[data-outcome-id="' + CSS.escape(waiting) + '"]');
    if (done) {
      const o = snapshot.cars.find(c => c.id === id).outcomes.find(x => x.id === waiting);
      line.className = 'outcome ' + outcomeClass(o);
      line.setAttribute('data-result', waiting);
      line.textContent = outcomeText(o);
    } else {
      line.setAttribute('data-pending', waiting);
      line.textContent = old.textContent;
      card.querySelectorAll('button').forEach(b => { b.disabled = true; });
    }
  }
}

function renderCars(s) {
  const cars = document.getElementById('cars');
  const previous = new Map([...cars.querySelectorAll('.car')].map(c => [c.getAttribute('data-vehicle'),
    c.querySelector('.outcome')]));
  const fresh = document.createDocumentFragment();
  const holder = el('div');
  for (const car of s.cars) holder.append(carCard(car));
  settle(holder, previous);
  fresh.append(...holder.children);
  cars.replaceChildren(fresh);
}

function pill(id, text, cls) {
  const p = document.getElementById(id);
  p.textContent = text;
  p.className = 'pill ' + cls;
}

function renderBridge(s) {
  document.getElementById('version').textContent = s.info.version;
  pill('mqtt', s.mqtt.connected ? 'MQTT connected' : 'MQTT down', s.mqtt.connected ? 'ok' : 'bad');
  pill('ready', s.ready.ready ? 'ready' : 'not ready', s.ready.ready ? 'ok' : 'warn');
  document.getElementById('mqtt-detail').textContent = (s.mqtt.connected ? 'connected' : 'disconnected')
    + (s.mqtt.reason && !s.mqtt.connected ? ' (' + words(s.mqtt.reason) + ')' : '');
  document.getElementById('ready-detail').textContent = s.ready.ready ? 'ready' : s.ready.reasons.map(words).join(', ');
  const breakers = document.getElementById('breakers');
  breakers.replaceChildren(...Object.entries(s.breakers).map(([name, state]) =>
    el('span', {class: 'pill ' + (state === 'closed' ? 'ok' : state === 'open' ? 'bad' : 'warn'),
      'data-breaker': name}, name.replace(/^bluelink-/, '') + ': ' + words(state))));
  const b = s.budget;
  if (b) {
    const share = b.limit > 0 ? Math.min(1, b.used / b.limit) : 0;
    const fill = document.getElementById('budget-fill');
    fill.style.width = (share * 100).toFixed(1) + '%';
    fill.style.background = b.exhausted || share > .9 ? 'var(--bad)' : share > .7 ? 'var(--warn)' : 'var(--ok)';
    document.getElementById('budget-text').textContent = b.used + ' of ' + b.limit + ' used, ' + b.remaining
      + ' left' + (b.exhausted ? ' — exhausted' : '') + '; resets ' + new Date(b.resetsAt).toLocaleString();
  }
  const peak = Math.max(1, ...s.callsPerHour.map(h => h.calls));
  document.getElementById('chart').replaceChildren(...s.callsPerHour.map(h => el('div', {
    style: 'height:' + (100 * h.calls / peak).toFixed(0) + '%',
    title: new Date(h.hour).toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'}) + ': ' + h.calls + ' calls'})));
  const woken = s.cars.filter(c => c.wakes);
  document.getElementById('wakes').replaceChildren(...(woken.length ? woken.map(c => el('li', {},
    (c.name || c.id) + ': ' + c.wakes.today + ' today, ' + c.wakes.total + ' in all'
    + (c.wakes.last ? ', last ' + new Date(c.wakes.last).toLocaleString() : '')))
    : [el('li', {class: 'muted'}, 'no car woken')]));
  document.getElementById('bridge-outcomes').replaceChildren(...(s.outcomes.length ? s.outcomes.map(o =>
    el('li', {}, outcomeText(o))) : [el('li', {class: 'muted'}, 'none')]));
  document.getElementById('config').textContent = JSON.stringify(s.info.config, null, 2);
}

function connect() {
  const source = new EventSource('events');
  source.addEventListener('snapshot', e => {
    snapshot = JSON.parse(e.data);
    pill('live', 'live', 'ok');
    renderBridge(snapshot);
    renderCars(snapshot);
  });
  source.onerror = () => pill('live', 'reconnecting…', 'warn');
}

setInterval(() => document.querySelectorAll('[data-age]').forEach(n => {
  n.textContent = age(n.getAttribute('data-age'));
}), 1000);
connect();
