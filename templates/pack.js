// The pack's only script: offline filtering and search over the findings rows. No network, no eval.
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
  var controls = null;
  var sections = null;

  // Built on first use, not on load: a pack with tens of thousands of rows opens at once.
  function build() {
    if (rows) return;
    rows = [];
    controls = [];
    sections = [];
    var secEls = document.querySelectorAll('section.sec');
    for (var s = 0; s < secEls.length; s++) sections.push({ el: secEls[s], n: 0 });
    var ctlEls = document.querySelectorAll('section.ctl');
    for (var i = 0; i < ctlEls.length; i++) {
      var el = ctlEls[i];
      var c = { el: el, n: 0, s: el.getAttribute('data-s'), key: (el.getAttribute('data-k') || '').toLowerCase(), details: el.querySelectorAll('details.passes'), sec: null, shown: true };
      for (var k = 0; k < sections.length; k++) if (sections[k].el.contains(el)) c.sec = sections[k];
      controls.push(c);
      var trs = el.querySelectorAll('tr.f');
      for (var j = 0; j < trs.length; j++) rows.push({ el: trs[j], o: trs[j].getAttribute('data-o'), v: trs[j].getAttribute('data-v'), c: c, text: null, shown: true });
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
    for (i = 0; i < controls.length; i++) controls[i].n = 0;
    for (i = 0; i < sections.length; i++) sections[i].n = 0;
    for (i = 0; i < rows.length; i++) {
      var r = rows[i];
      var ok = o[r.o] === true && v[r.v] === true && (!s || r.c.s === s);
      if (ok && q) {
        if (r.text === null) r.text = r.el.textContent.toLowerCase();
        ok = r.text.indexOf(q) !== -1 || r.c.key.indexOf(q) !== -1;
      }
      if (ok !== r.shown) {
        r.el.hidden = !ok;
        r.shown = ok;
      }
      if (ok) {
        shown++;
        r.c.n++;
      }
    }
    for (i = 0; i < controls.length; i++) {
      var c = controls[i];
      var vis = c.n > 0;
      if (vis !== c.shown) {
        c.el.hidden = !vis;
        c.shown = vis;
      }
      if (vis && c.sec) c.sec.n++;
      // A search hit among passing targets is shown, not left inside a closed list.
      for (var d = 0; d < c.details.length; d++) {
        var det = c.details[d];
        if (q && vis && !det.open && det.querySelector('tr.f:not([hidden])')) {
          det.open = true;
          det.setAttribute('data-auto', '1');
        } else if (!q && det.getAttribute('data-auto') === '1') {
          det.open = false;
          det.removeAttribute('data-auto');
        }
      }
    }
    for (i = 0; i < sections.length; i++) sections[i].el.hidden = sections[i].n === 0;
    countEl.textContent = template.replace('{shown}', fmt.format(shown)).replace('{total}', fmt.format(rows.length));
    emptyEl.hidden = shown !== 0;
  }

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
