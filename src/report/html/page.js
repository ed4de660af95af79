(function () {
  'use strict';
  var table = document.getElementById('findings');
  var form = document.getElementById('filters');
  if (!table || !form) { return; }
  var bodies = Array.prototype.slice.call(table.querySelectorAll('tbody.finding'));
  var names = ['verdict', 'severity', 'kind', 'subject', 'outlet', 'from', 'to', 'state', 'q'];
  var sort = { key: '', desc: false };
  var bar = document.getElementById('bar');
  var shown = document.getElementById('shown');
  var noMatch = document.getElementById('no-match');

  function list(el, attr) {
    var v = el.getAttribute(attr) || '';
    return v ? v.split('\n') : [];
  }

  function current() {
    var f = {};
    names.forEach(function (n) { f[n] = (form.elements[n].value || '').trim(); });
    return f;
  }

  function matches(tb, f) {
    var d = tb.dataset;
    if (f.verdict && d.verdict !== f.verdict) { return false; }
    if (f.severity && d.severity !== f.severity) { return false; }
    if (f.kind && d.kind !== f.kind) { return false; }
    if (f.subject && d.subject !== f.subject) { return false; }
    if (f.state && d.state !== f.state) { return false; }
    if (f.outlet && list(tb, 'data-outlets').indexOf(f.outlet) < 0) { return false; }
    if (f.from || f.to) {
      var inRange = list(tb, 'data-dates').some(function (x) {
        return (!f.from || x >= f.from) && (!f.to || x <= f.to);
      });
      if (!inRange) { return false; }
    }
    if (f.q && tb.textContent.toLowerCase().indexOf(f.q.toLowerCase()) < 0) { return false; }
    return true;
  }

  function apply() {
    var f = current();
    var n = 0;
    bodies.forEach(function (tb) {
      var ok = matches(tb, f);
      tb.hidden = !ok;
      if (ok) { n += 1; }
    });
    if (shown) { shown.textContent = n + ' of ' + bodies.length + ' shown'; }
    if (noMatch) { noMatch.hidden = n > 0; }
    document.querySelectorAll('.verdict-chip').forEach(function (c) {
      c.setAttribute('aria-pressed', String(c.dataset.verdict === f.verdict));
    });
    document.querySelectorAll('details.timeline').forEach(function (t) {
      t.hidden = (f.kind && t.dataset.kind !== f.kind) || (f.subject && t.dataset.subject !== f.subject);
    });
  }

  function key(tb, k) {
    var v = tb.getAttribute('data-' + k) || '';
    if (k === 'verdict-rank' || k === 'severity-rank') { return Number(v); }
    return v.split('\n')[0].toLowerCase();
  }

  function applySort() {
    var k = sort.key;
    var ordered = bodies.slice().sort(function (a, b) {
      var byOrder = Number(a.dataset.order) - Number(b.dataset.order);
      if (!k) { return byOrder; }
      var x = key(a, k), y = key(b, k);
      var c = x < y ? -1 : (x > y ? 1 : 0);
      return (sort.desc ? -c : c) || byOrder;
    });
    ordered.forEach(function (tb) { table.appendChild(tb); });
    table.querySelectorAll('th').forEach(function (th) {
      var b = th.querySelector('button[data-sort]');
      if (b && b.dataset.sort === k) {
        th.setAttribute('aria-sort', sort.desc ? 'descending' : 'ascending');
      } else {
        th.removeAttribute('aria-sort');
      }
    });
  }

  function setOpen(tb, open) {
    var row = tb.querySelector('tr.row');
    var detail = tb.querySelector('tr.detail');
    if (!row || !detail) { return; }
    detail.hidden = !open;
    row.setAttribute('aria-expanded', String(open));
    tb.classList.toggle('open', open);
  }

  function openIds() {
    return bodies.filter(function (tb) { return tb.classList.contains('open'); })
      .map(function (tb) { return tb.dataset.id; });
  }

  function writeHash() {
    var p = new URLSearchParams();
    var f = current();
    names.forEach(function (n) { if (f[n]) { p.set(n, f[n]); } });
    if (sort.key) { p.set('sort', sort.key + (sort.desc ? ':desc' : '')); }
    var open = openIds();
    if (open.length) { p.set('open', open.join(',')); }
    var s = p.toString();
    var url = location.pathname + location.search + (s ? '#' + s : '');
    try {
      history.replaceState(null, '', url);
    } catch (e) {
      location.hash = s;
    }
  }

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    names.forEach(function (n) {
      var el = form.elements[n];
      var v = p.get(n) || '';
      if (el.tagName === 'SELECT' && v) {
        var known = Array.prototype.some.call(el.options, function (o) { return o.value === v; });
        if (!known) {
          var o = document.createElement('option');
          o.value = v;
          o.textContent = v;
          el.appendChild(o);
        }
      }
      el.value = v;
    });
    var s = (p.get('sort') || '').split(':');
    sort.key = table.querySelector('button[data-sort="' + CSS.escape(s[0]) + '"]') ? s[0] : '';
    sort.desc = s[1] === 'desc';
    var open = (p.get('open') || '').split(',');
    bodies.forEach(function (tb) { setOpen(tb, open.indexOf(tb.dataset.id) >= 0); });
  }

  function fitStickyOffsets() {
    if (bar) { document.documentElement.style.setProperty('--bar-h', bar.offsetHeight + 'px'); }
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('input', function () { apply(); writeHash(); });
  form.addEventListener('change', function () { apply(); writeHash(); });

  document.getElementById('f-clear').addEventListener('click', function () {
    names.forEach(function (n) { form.elements[n].value = ''; });
    sort.key = '';
    sort.desc = false;
    applySort();
    apply();
    writeHash();
  });

  document.getElementById('f-expand').addEventListener('click', function () {
    var visible = bodies.filter(function (tb) { return !tb.hidden; });
    var open = !visible.every(function (tb) { return tb.classList.contains('open'); });
    visible.forEach(function (tb) { setOpen(tb, open); });
    this.textContent = open ? 'Collapse all' : 'Expand all';
    writeHash();
  });

  document.querySelectorAll('.verdict-chip').forEach(function (chip) {
    chip.addEventListener('click', function () {
      var el = form.elements.verdict;
      el.value = el.value === chip.dataset.verdict ? '' : chip.dataset.verdict;
      apply();
      writeHash();
    });
  });

  table.querySelectorAll('th button[data-sort]').forEach(function (b) {
    b.addEventListener('click', function () {
      if (sort.key === b.dataset.sort) {
        sort.desc = !sort.desc;
      } else {
        sort.key = b.dataset.sort;
        sort.desc = false;
      }
      applySort();
      writeHash();
    });
  });

  bodies.forEach(function (tb) {
    var row = tb.querySelector('tr.row');
    function toggle() {
      setOpen(tb, !tb.classList.contains('open'));
      writeHash();
    }
    row.addEventListener('click', function (e) {
      if (e.target.closest('a, button')) { return; }
      toggle();
    });
    row.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); }
    });
  });

  document.querySelectorAll('button.show-timeline').forEach(function (b) {
    b.addEventListener('click', function () {
      var t = document.getElementById(b.dataset.target);
      if (!t) { return; }
      t.hidden = false;
      t.open = true;
      t.scrollIntoView({ block: 'start' });
    });
  });

  window.addEventListener('hashchange', function () { readHash(); applySort(); apply(); });
  window.addEventListener('resize', fitStickyOffsets);

  readHash();
  applySort();
  apply();
  fitStickyOffsets();
  document.documentElement.classList.add('js');
}());
