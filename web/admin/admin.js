// The dashboard's charts, drawn with chart.js from the figures the server put in the page.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('dashboard-data').textContent);
  var L = data.labels;
  var colors = { answered: '#2e7d32', clarified: '#e0a100', declined: '#c0392b', line: '#1f5fbf', helpful: '#2e7d32', unhelpful: '#c0392b', reached: '#1f5fbf', left: '#c0392b' };
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#44546a';
  // Screenshots and slow machines: draw at once.
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;

  function draw(canvas, config) {
    if (canvas) new Chart(canvas, config);
  }
  var integerTicks = { beginAtZero: true, ticks: { precision: 0 } };
  // Entry titles are long: the axis shows their start, the tooltip the whole title.
  function shortLabel(value) {
    var label = this.getLabelForValue(value);
    return label.length > 30 ? label.slice(0, 29) + '…' : label;
  }
  Chart.defaults.datasets.bar.maxBarThickness = 56;

  draw(document.querySelector('canvas[data-chart="days"]'), {
    type: 'bar',
    data: {
      labels: data.days.map(function (d) { return d.day; }),
      datasets: [
        { type: 'line', label: L.conversations, data: data.days.map(function (d) { return d.conversations; }), borderColor: colors.line, backgroundColor: colors.line, yAxisID: 'y', tension: 0.3 },
        { label: L.answered, data: data.days.map(function (d) { return d.answered; }), backgroundColor: colors.answered, stack: 'q' },
        { label: L.clarified, data: data.days.map(function (d) { return d.clarified; }), backgroundColor: colors.clarified, stack: 'q' },
        { label: L.declined, data: data.days.map(function (d) { return d.declined; }), backgroundColor: colors.declined, stack: 'q' },
      ],
    },
    options: { scales: { x: { stacked: true }, y: Object.assign({ stacked: true }, integerTicks) }, plugins: { legend: { position: 'bottom' } } },
  });

  draw(document.querySelector('canvas[data-chart="entries"]'), {
    type: 'bar',
    data: {
      labels: data.entries.map(function (e) { return e.label; }),
      datasets: [
        { label: L.helpful, data: data.entries.map(function (e) { return e.helpful; }), backgroundColor: colors.helpful, stack: 'f' },
        { label: L.unhelpful, data: data.entries.map(function (e) { return e.unhelpful; }), backgroundColor: colors.unhelpful, stack: 'f' },
      ],
    },
    options: { indexAxis: 'y', scales: { x: Object.assign({ stacked: true }, integerTicks), y: { stacked: true, ticks: { callback: shortLabel } } }, plugins: { legend: { position: 'bottom' } } },
  });

  draw(document.querySelector('canvas[data-chart="ratings"]'), {
    type: 'bar',
    data: {
      labels: ['1', '2', '3', '4', '5'],
      datasets: [{ label: data.ratingsLabel, data: data.ratings, backgroundColor: ['#c0392b', '#e67e22', '#e0a100', '#7cb342', '#2e7d32'] }],
    },
    options: { scales: { y: integerTicks }, plugins: { legend: { display: false } } },
  });

  document.querySelectorAll('canvas[data-chart="tree"]').forEach(function (canvas) {
    var nodes = data.trees[canvas.getAttribute('data-tree')] || [];
    draw(canvas, {
      type: 'bar',
      data: {
        labels: nodes.map(function (n) { return n.label; }),
        datasets: [
          { label: L.reached, data: nodes.map(function (n) { return n.reached; }), backgroundColor: colors.reached },
          { label: L.left, data: nodes.map(function (n) { return n.left; }), backgroundColor: colors.left },
        ],
      },
      options: { scales: { y: integerTicks }, plugins: { legend: { position: 'bottom' } } },
    });
  });
})();
