// The pack's only script: offline filtering and search over the finding rows. No network, no eval.
(function () {
  'use strict';
  var form = document.getElementById('filter-form');
  if (!form) return;
  form.hidden = false;
  var countEl = document.getElementById('filter-count');
  var emptyEl = document.getElementById('filter-empty');
  var template = countEl.getAttribute('data-template') || '{shown} / {total}';
  var fmt = new Intl.NumberFormat(document.documentElement.lang || undefined);
  var rows = null;
  var groups = null;
  var sections = null;
  var total = 0;

  // Built on first use, not on load: a pack with tens of thousands of rows opens at once.
  function build() {
    if (rows) return;
    rows = [];
    groups = [];
    sections = [];
    var secEls = document.querySelectorAll('section.sec');
    for (var s = 0; s < secEls.length; s++) sections.push({ el: secEls[s], n: 0, id: secEls[s].getAttribute('data-s') });
    // A group is a control block or a section's table of passing results.
    var grpEls = document.querySelectorAll('section.sec .ctl, section.sec details.passes');
    for (var i = 0; i < grpEls.length; i++) {
      var el = grpEls[i];
      var g = { el: el, n: 0, sec: null, shown: true, details: el.tagName === 'DETAILS' };
      for (var k = 0; k < sections.length; k++) if (sections[k].el.contains(el)) g.sec = sections[k];
      groups.push(g);
      var trs = el.querySelectorAll('tr.f');
      for (var j = 0; j < trs.length; j++) {
        var n = Number(trs[j].getAttribute('data-n') || '1');
        total += n;
        rows.push({ el: trs[j], o: trs[j].getAttribute('data-o'), v: trs[j].getAttribute('data-v'), k: trs[j].getAttribute('data-k') || '', g: g, n: n, text: null, shown: true });
      }
    }
  }

  function values(name) {
    var out = {};
    var boxes = form.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) out[boxes[i].value] = true;
    return out;
  }

  function apply() {
    build();
    var o = values('o');
    var v = values('v');
    var s = form.elements.namedItem('s').value;
    var q = String(form.elements.namedItem('q').value || '').trim().toLowerCase();
    var shown = 0;
    var i;
    for (i = 0; i < groups.length; i++) groups[i].n = 0;
    for (i = 0; i < sections.length; i++) sections[i].n = 0;
    for (i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = o[r.o] === true && v[r.v] === true && (!s || (r.g.sec && r.g.sec.id === s));
      if (ok && q) {
        // Finding ids, CAIQ ids and targets are in data-k; the visible text covers the rest.
        if (r.text === null) r.text = (r.k + ' ' + r.el.textContent).toLowerCase();
        ok = r.text.indexOf(q) !== -1;
      }
      if (ok !== r.shown) {
        r.el.hidden = !ok;
        r.shown = ok;
      }
      if (ok) {
        shown += r.n;
        r.g.n++;
      }
    }
    for (i = 0; i < groups.length; i++) {
      var g = groups[i];
      var vis = g.n > 0;
      if (vis !== g.shown) {
        g.el.hidden = !vis;
        g.shown = vis;
      }
      if (vis && g.sec) g.sec.n++;
      // A search hit among passing results is shown, not left inside a closed list.
      if (g.details) {
        if (q && vis && !g.el.open) {
          g.el.open = true;
          g.el.setAttribute('data-auto', '1');
        } else if (!q && g.el.getAttribute('data-auto') === '1') {
          g.el.open = false;
          g.el.removeAttribute('data-auto');
        }
      }
    }
    for (i = 0; i < sections.length; i++) sections[i].el.hidden = sections[i].n === 0;
    countEl.textContent = template.replace('{shown}', fmt.format(shown)).replace('{total}', fmt.format(total));
    emptyEl.hidden = shown !== 0;
  }

  // A link to a finding inside a closed list of passing results opens the list.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    for (var p = el.parentElement; p; p = p.parentElement) if (p.tagName === 'DETAILS') p.open = true;
    el.scrollIntoView();
  }
  window.addEventListener('hashchange', reveal);
  if (location.hash) reveal();

  var timer = null;
  form.addEventListener('change', apply);
  form.addEventListener('input', function (e) {
    if (e.target && e.target.name === 'q') {
      clearTimeout(timer);
      timer = setTimeout(apply, 150);
    }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    apply();
  });
  form.addEventListener('reset', function () {
    setTimeout(apply, 0);
  });
  document.getElementById('filter-print').addEventListener('click', function () {
    window.print();
  });
  // The count is filled without walking the rows: the total is known from the summary.
  countEl.textContent = template.replace('{shown}', form.getAttribute('data-total') || '').replace('{total}', form.getAttribute('data-total') || '');
})();
