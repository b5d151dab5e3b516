// The console's only script: shows times in the browser's zone and keeps the overview live. No inline script
// anywhere, so the Content-Security-Policy can forbid it.
(function () {
  'use strict';

  function localTimes(root) {
    root.querySelectorAll('time[datetime]').forEach(function (el) {
      var when = new Date(el.getAttribute('datetime'));
      if (!isNaN(when.getTime())) {
        el.textContent = when.toLocaleString();
        el.title = el.getAttribute('datetime');
      }
    });
  }

  function setTime(cell, iso, extra) {
    cell.textContent = '';
    if (iso) {
      var t = document.createElement('time');
      t.setAttribute('datetime', iso);
      t.textContent = iso;
      cell.appendChild(t);
      cell.appendChild(document.createTextNode(' '));
    }
    if (extra) {
      cell.appendChild(document.createTextNode(extra));
    }
  }

  function update(table, rows) {
    rows.forEach(function (row) {
      var s = row.status, run = row.latest;
      var tr = table.querySelector('tr[data-flow="' + s.name + '"][data-direction="' + s.direction + '"]');
      if (!tr) {
        return;
      }
      tr.querySelector('[data-field="state"]').textContent = s.running ? 'RUNNING' : (s.lastRunState || 'never run');
      setTime(tr.querySelector('[data-field="lastRun"]'), s.lastRunAt, s.lastRunMessage);
      tr.querySelector('[data-field="records"]').textContent = s.recordsSynced;
      tr.querySelector('[data-field="deadLetters"] a').textContent = s.failed;
      setTime(tr.querySelector('[data-field="paused"]'), s.pausedUntil, s.pauseReason);
      tr.querySelector('[data-field="heldBy"]').textContent = s.heldBy || '—';
      var cell = tr.querySelector('[data-field="progress"]');
      var bar = cell.querySelector('progress');
      var count = cell.querySelector('.count');
      if (!count) {
        count = document.createElement('span');
        count.className = 'count';
        cell.appendChild(count);
      }
      if (run) {
        var percent = run.total ? Math.min(100, Math.floor(run.done * 100 / run.total)) : (run.finishedAt ? 100 : 0);
        bar.value = percent;
        count.textContent = run.done + (run.total != null ? ' / ' + run.total : '') + ' · ' + run.recordsPerSecond + '/s';
      }
    });
    localTimes(table);
  }

  function poll(table) {
    fetch(table.getAttribute('data-poll'), {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
      .then(function (rows) { update(table, rows); table.setAttribute('data-refreshed', new Date().toISOString()); })
      .catch(function () { /* the next poll tries again; a lost session shows on the next page load */ });
  }

  document.addEventListener('DOMContentLoaded', function () {
    localTimes(document);
    var table = document.querySelector('table[data-poll]');
    if (table) {
      poll(table);
      setInterval(function () { poll(table); }, 2000);
    }
  });
})();
