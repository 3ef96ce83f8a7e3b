// Live progress on the dashboard: one EventSource on /api/events; each "host" event updates that
// host's card in place. When a run ends, htmx fetches the card again (new colour, new figures).
// Nothing polls: when nothing runs, only the server's pings arrive.
(function () {
  if (!window.EventSource) return;
  function fmtBytes(n) {
    var u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'], i = 0;
    while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
    return i === 0 ? n + ' B' : n.toFixed(1) + ' ' + u[i];
  }
  function card(host) {
    return document.querySelector('article.card[data-host="' + CSS.escape(host) + '"]');
  }
  function refresh(host) {
    var c = card(host);
    if (c && window.htmx) {
      htmx.ajax('GET', '/fragments/card/' + encodeURIComponent(host), { target: c, swap: 'outerHTML' });
    }
  }
  var es = new EventSource('/api/events');
  es.addEventListener('host', function (ev) {
    var s = JSON.parse(ev.data);
    var c = card(s.host);
    if (!c) return;
    var running = s.status === 'running' || s.status === 'dry_run';
    if (!running) {
      // a run ended (or a state changed while idle): fetch the card, even when this page never
      // saw it running (a run shorter than the click's round trip)
      c.dataset.running = 'false';
      refresh(s.host);
      return;
    }
    c.dataset.running = 'true';
    var live = c.querySelector('.live');
    live.hidden = false;
    var badge = c.querySelector('.badge.status');
    badge.textContent = s.status; badge.className = 'badge status ' + s.status;
    live.querySelector('.stage-num').textContent = s.stage_num;
    live.querySelector('.stage').textContent = s.stage;
    live.querySelector('.stage-bar').value = s.stage_num;
    if (s.progress) {
      live.querySelector('.files').textContent = s.progress.files;
      live.querySelector('.bytes').textContent = fmtBytes(s.progress.bytes);
      var bar = live.querySelector('.files-bar');
      if (bar.hasAttribute('max')) bar.value = Math.min(s.progress.files, bar.max); else bar.removeAttribute('value');
      live.querySelector('.current').textContent = s.progress.current || '';
    }
    c.querySelectorAll('button.run, button.dry').forEach(function (b) { b.disabled = true; });
    var cancel = c.querySelector('button.cancel'); if (cancel) cancel.disabled = false;
  });
})();
