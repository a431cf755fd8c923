// Atrium's only script besides htmx. No inline scripts anywhere: the Content Security Policy forbids them.
document.addEventListener('keydown', (event) => {
  const target = event.target;
  const typing = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
    || target instanceof HTMLSelectElement || (target && target.isContentEditable);
  if (event.key === '/' && !typing) {
    const box = document.getElementById('global-search');
    if (box) { event.preventDefault(); box.focus(); }
  }
});

// Elements with data-autosubmit submit their form when changed (filters on list pages).
document.addEventListener('change', (event) => {
  const el = event.target;
  if (el && el.matches && el.matches('[data-autosubmit]') && el.form) {
    el.form.requestSubmit();
  }
});

// Buttons with data-confirm ask before submitting.
document.addEventListener('submit', (event) => {
  const button = event.submitter;
  const message = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (message && !window.confirm(message)) {
    event.preventDefault();
  }
});
