// Draws each <canvas data-chart="ID"> from the JSON in <script type="application/json" id="ID">
// with Chart.js (vendored). The same numbers are in the table next to each chart, which is the
// content; the chart is decoration for sighted users and is hidden from assistive technology.
(function () {
  'use strict';
  if (!window.Chart) {
    return;
  }
  var COLOURS = ['#1d5fbf', '#0b7a3e', '#b54708', '#6941c6', '#b42318'];
  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var source = document.getElementById(canvas.getAttribute('data-chart'));
    if (!source) {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(source.textContent);
    } catch (e) {
      return;
    }
    spec.data.datasets.forEach(function (set, i) {
      set.backgroundColor = COLOURS[i % COLOURS.length];
      set.borderColor = COLOURS[i % COLOURS.length];
      set.spanGaps = true;
    });
    var y = { beginAtZero: true };
    if (spec.percent) {
      y.suggestedMax = 100;
      y.ticks = { callback: function (v) { return v + '%'; } };
    }
    new window.Chart(canvas, {
      type: spec.type,
      data: spec.data,
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: y } }
    });
  });
}());
