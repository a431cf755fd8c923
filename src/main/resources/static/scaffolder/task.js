// The live task page: appends log lines and step states from the task's event stream (server-sent
// events) and reloads once the run ends, so the final state and output links come from the server.
(function () {
  var root = document.getElementById('task');
  if (!root || !window.EventSource) { return; }
  var status = root.getAttribute('data-status');
  if (status === 'completed' || status === 'failed' || status === 'cancelled') { return; }
  var log = document.getElementById('task-log');
  var bar = document.getElementById('progress-bar');
  var steps = Array.prototype.slice.call(document.querySelectorAll('.task-step'));
  var started = {};
  var url = root.getAttribute('data-stream') + '?after=' + encodeURIComponent(root.getAttribute('data-after') || '0');
  var source = new EventSource(url);

  function progress() {
    var done = steps.filter(function (s) { return /step-(completed|skipped)/.test(s.className); }).length;
    if (bar && steps.length) { bar.style.width = Math.round(done * 100 / steps.length) + '%'; }
  }

  function handle(event) {
    var data = JSON.parse(event.data);
    var body = data.body || {};
    if (body.message) { log.appendChild(document.createTextNode(body.message + '\n')); log.scrollTop = log.scrollHeight; }
    if (body.stepId && body.status) {
      var step = document.querySelector('.task-step[data-step="' + CSS.escape(body.stepId) + '"]');
      if (step) {
        step.className = step.className.replace(/step-\w+/g, '') + ' step-' + body.status;
        step.querySelector('.step-status').textContent = body.status;
        if (body.status === 'processing') { started[body.stepId] = Date.parse(data.createdAt); }
        else if (started[body.stepId]) {
          step.querySelector('.step-duration').textContent = ((Date.parse(data.createdAt) - started[body.stepId]) / 1000).toFixed(1) + ' s';
        }
      }
      progress();
    }
    if (data.type === 'completion' || data.type === 'cancelled') {
      source.close();
      window.location.reload();
    }
  }

  ['log', 'completion', 'cancelled', 'recovered'].forEach(function (type) { source.addEventListener(type, handle); });
})();
