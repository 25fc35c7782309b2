// The console's only script (the Content-Security-Policy allows no inline script): draws each chart
// from the data table under it, so chart and table show the same numbers, and adds the keyboard:
// j/k move through the list on the page, / focuses the filter. Every page reads without it.
(function () {
  'use strict';
  var PALETTE = ['#1f5fa8', '#c2571a', '#2e7d32', '#8e24aa', '#b8860b', '#00838f', '#6d6d6d'];

  function drawCharts() {
    if (typeof window.Chart === 'undefined') return;
    document.querySelectorAll('figure[data-chart]').forEach(function (figure) {
      var table = figure.querySelector('table');
      var holder = figure.querySelector('.chart-canvas');
      var names = Array.prototype.slice.call(table.tHead.rows[0].cells, 1).map(function (cell) { return cell.textContent; });
      if (names.length === 0) return;
      var rows = Array.prototype.slice.call(table.tBodies[0].rows);
      var datasets = names.map(function (name, i) {
        return {
          label: name,
          data: rows.map(function (row) { return Number(row.cells[i + 1].textContent); }),
          backgroundColor: PALETTE[i % PALETTE.length],
        };
      });
      var canvas = document.createElement('canvas');
      holder.appendChild(canvas);
      new window.Chart(canvas, {
        type: 'bar',
        data: { labels: rows.map(function (row) { return row.cells[0].textContent; }), datasets: datasets },
        options: {
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    });
  }

  var current = -1;

  function listRows() {
    var body = document.querySelector('[data-list] tbody');
    return body ? Array.prototype.slice.call(body.rows) : [];
  }

  function isTyping(target) {
    return target && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTyping(event.target)) return;
    if (event.key === '/') {
      var filter = document.querySelector('[data-filter]');
      if (filter) {
        event.preventDefault();
        filter.focus();
      }
      return;
    }
    if (event.key !== 'j' && event.key !== 'k') return;
    var rows = listRows();
    if (rows.length === 0) return;
    event.preventDefault();
    current = Math.max(0, Math.min(rows.length - 1, current + (event.key === 'j' ? 1 : -1)));
    rows.forEach(function (row) { row.classList.remove('current'); });
    var row = rows[current];
    row.classList.add('current');
    var target = row.querySelector('a, button');
    if (target) target.focus();
    else row.scrollIntoView({ block: 'nearest' });
  });

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawCharts);
  else drawCharts();
})();
