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
      tr.querySelector('[data-field="lag"]').textContent = row.lag || '—';
      tr.querySelector('[data-field="deadLetters"] a').textContent = s.failed;
      setTime(tr.querySelector('[data-field="paused"]'), s.pausedUntil, s.pauseReason);
      var resume = tr.querySelector('form.resume');
      if (resume) {
        resume.hidden = !s.pausedUntil;
      }
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
        var eta = cell.querySelector('.eta');
        if (!eta) {
          eta = document.createElement('span');
          eta.className = 'eta';
          count.after(eta);
        }
        setTime(eta, null, '');
        if (run.estimatedFinish) {
          eta.appendChild(document.createTextNode('done by '));
          var t = document.createElement('time');
          t.setAttribute('datetime', run.estimatedFinish);
          eta.appendChild(t);
        }
        var link = cell.querySelector('.run-link');
        if (link) {
          link.setAttribute('href', '/console/runs/' + encodeURIComponent(run.runId));
        }
      }
    });
    localTimes(table);
  }

  function updateService(panel, s) {
    var breaker = panel.querySelector('[data-field="circuitBreaker"]');
    breaker.textContent = s.circuitBreaker;
    breaker.className = s.circuitBreaker === 'CLOSED' ? 'ok' : 'bad';
    panel.querySelector('[data-field="failureRate"]').textContent = s.failureRate >= 0
      ? s.failureRate.toFixed(1) + ' % of recent calls failed' : 'too few calls to judge';
    panel.querySelector('[data-field="apiShare"]').value = s.apiShare || 0;
    panel.querySelector('[data-field="apiUsed"]').textContent = s.apiUsed != null
      ? s.apiUsed + ' of ' + s.apiLimit + ' calls used' : 'Salesforce has not reported it yet';
    panel.querySelector('[data-field="inboxWaiting"]').textContent = s.inboxWaiting;
    panel.querySelector('[data-field="inboxFailed"]').textContent = s.inboxFailed;
    setTime(panel.querySelector('[data-field="oldestWaitingSince"]'), s.oldestWaitingSince,
      s.oldestWaitingSince ? '' : '—');
    localTimes(panel);
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
    var panel = document.querySelector('section[data-poll]');
    if (panel) {
      var refresh = function () {
        fetch(panel.getAttribute('data-poll'), {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
          .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
          .then(function (s) { updateService(panel, s); })
          .catch(function () { /* the next poll tries again */ });
      };
      setInterval(refresh, 5000);
    }
  });
})();
