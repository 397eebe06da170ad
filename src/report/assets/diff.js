(function () {
  'use strict';
  var cards = Array.prototype.slice.call(document.querySelectorAll('article.card'));
  var kindBoxes = Array.prototype.slice.call(document.querySelectorAll('input[name=kind]'));
  var ruleBoxes = Array.prototype.slice.call(document.querySelectorAll('input[name=rule]'));
  var findingItems = Array.prototype.slice.call(document.querySelectorAll('li.finding[data-rule]'));
  var search = document.getElementById('search');
  var shown = document.getElementById('shown');
  var noneShown = document.getElementById('none-shown');
  var data = {};
  try { data = JSON.parse(document.getElementById('pagerev-data').textContent); } catch (e) { data = {}; }
  var aliases = data.aliases || {};

  function checked(boxes) {
    var set = {};
    boxes.forEach(function (b) { if (b.checked) { set[b.value] = true; } });
    return set;
  }

  function apply() {
    var kinds = checked(kindBoxes);
    var rules = checked(ruleBoxes);
    var q = search.value.trim().toLowerCase();
    var n = 0;
    cards.forEach(function (c) {
      var own = c.getAttribute('data-rules') ? c.getAttribute('data-rules').split(' ') : ['none'];
      var ruleOk = ruleBoxes.length === 0 || own.some(function (r) { return rules[r]; });
      var textOk = !q || c.getAttribute('data-search').toLowerCase().indexOf(q) >= 0;
      var ok = !!kinds[c.getAttribute('data-kind')] && ruleOk && textOk;
      c.hidden = !ok;
      if (ok) { n += 1; }
    });
    findingItems.forEach(function (f) {
      f.hidden = ruleBoxes.length > 0 && !rules[f.getAttribute('data-rule')];
    });
    shown.textContent = 'Showing ' + n + ' of ' + cards.length + ' changed records';
    noneShown.hidden = n > 0 || cards.length === 0;
  }

  function resetFilters() {
    kindBoxes.concat(ruleBoxes).forEach(function (b) { b.checked = true; });
    search.value = '';
    apply();
  }

  function go(card) {
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: 'start' });
  }

  // A deep link: follow an old id to its card, and show a card the filters hide.
  function followHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    if (!document.getElementById(id) && aliases[id]) {
      location.replace('#' + aliases[id]);
      return;
    }
    var el = document.getElementById(id);
    if (el && el.hidden) {
      resetFilters();
      el.scrollIntoView({ block: 'start' });
    }
  }

  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) { return; }
    if (e.key !== 'j' && e.key !== 'k') { return; }
    // Letters typed into a text field are text; on a checkbox or a card they navigate.
    var t = e.target;
    if (t && t.closest && t.closest('textarea, select, [contenteditable]')) { return; }
    if (t && t.tagName === 'INPUT' && !/^(checkbox|radio|button|submit|reset)$/.test(t.type)) { return; }
    var active = document.activeElement && document.activeElement.closest
      ? document.activeElement.closest('article.card') : null;
    if (!active && location.hash) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && target.matches('article.card')) { active = target; }
    }
    var i = active ? cards.indexOf(active) : -1;
    var next = null;
    if (e.key === 'j') {
      for (var a = i + 1; a < cards.length; a += 1) { if (!cards[a].hidden) { next = cards[a]; break; } }
    } else {
      for (var b = i - 1; b >= 0; b -= 1) { if (!cards[b].hidden) { next = cards[b]; break; } }
      if (!next && i < 0) { next = cards.filter(function (c) { return !c.hidden; })[0] || null; }
    }
    if (next) { e.preventDefault(); go(next); }
  });

  var form = document.querySelector('form.controls');
  if (form) { form.addEventListener('submit', function (e) { e.preventDefault(); }); }
  kindBoxes.concat(ruleBoxes).forEach(function (b) { b.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  window.addEventListener('hashchange', followHash);

  // Printing shows every collapsed change.
  var opened = [];
  window.addEventListener('beforeprint', function () {
    opened = Array.prototype.slice.call(document.querySelectorAll('details:not([open])'));
    opened.forEach(function (d) { d.open = true; });
  });
  window.addEventListener('afterprint', function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  apply();
  followHash();
}());
