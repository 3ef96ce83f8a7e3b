// Behaviour every page shares. The Content-Security-Policy allows no inline script, so what used to
// be onclick/onchange attributes and inline <script> blocks lives here, keyed by data attributes.
(function () {
  // htmx requests carry the CSRF token (layout.html puts it in two meta tags)
  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    if (token && header) e.detail.headers[header.content] = token.content;
  });
  // <form data-confirm="question?">: ask before submitting
  document.addEventListener('submit', function (e) {
    var question = e.target.getAttribute && e.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) e.preventDefault();
  }, true);
  // <select data-autosubmit>: submit its form on change
  document.addEventListener('change', function (e) {
    if (e.target.matches && e.target.matches('select[data-autosubmit]') && e.target.form) e.target.form.submit();
  });
  // the host page's chart: <canvas id="snapshot-chart" data-chart="{labels, newBytes, changed}">
  function chart() {
    var canvas = document.getElementById('snapshot-chart');
    if (!canvas || !canvas.dataset.chart || !window.Chart) return;
    var data = JSON.parse(canvas.dataset.chart);
    new Chart(canvas, {
      type: 'bar',
      data: { labels: data.labels, datasets: [
        { label: 'new bytes', data: data.newBytes, yAxisID: 'y' },
        { label: 'changed files', data: data.changed, type: 'line', yAxisID: 'y1' } ] },
      options: { animation: false, scales: { y: { position: 'left' }, y1: { position: 'right', grid: { drawOnChartArea: false } } } }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', chart); else chart();
})();
