// The catalog page's owner and tag boxes: htmx loads the suggestions under a box as it is focused or
// typed in (GET /catalog/suggestions/{owner|tag}); each suggestion is a link to the page filtered by it,
// so choosing one works like any link. This shows and hides the list and walks it with the keyboard:
// Down enters it, Up and Down move, Escape closes it. No inline scripts: a CSP forbids them.
(() => {
  const boxOf = (list) => document.querySelector(`[aria-controls="${list.id}"]`);
  const options = (list) => Array.from(list.querySelectorAll('[role=option]'));

  function show(list, open) {
    list.hidden = !open;
    const box = boxOf(list);
    if (box) box.setAttribute('aria-expanded', String(open));
  }

  document.addEventListener('htmx:afterSwap', (event) => {
    const list = event.target;
    if (list && list.classList && list.classList.contains('typeahead-list')) {
      const box = boxOf(list);
      show(list, options(list).length > 0 && box === document.activeElement);
    }
  });

  // A click on a suggestion must not blur the box first (which would close the list under the pointer).
  document.addEventListener('pointerdown', (event) => {
    if (event.target.closest && event.target.closest('.typeahead-list')) event.preventDefault();
  });

  document.addEventListener('focusout', (event) => {
    const wrap = event.target.closest && event.target.closest('.typeahead');
    if (!wrap || (event.relatedTarget && wrap.contains(event.relatedTarget))) return;
    const list = wrap.querySelector('.typeahead-list');
    if (list) show(list, false);
  });

  document.addEventListener('keydown', (event) => {
    const wrap = event.target.closest && event.target.closest('.typeahead');
    if (!wrap) return;
    const list = wrap.querySelector('.typeahead-list');
    const all = options(list);
    const at = all.indexOf(document.activeElement);
    if (event.key === 'Escape' && !list.hidden) {
      event.preventDefault();
      show(list, false);
      boxOf(list).focus();
    } else if (event.key === 'ArrowDown' && all.length > 0 && !list.hidden) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === 'ArrowUp' && at >= 0) {
      event.preventDefault();
      if (at === 0) boxOf(list).focus(); else all[at - 1].focus();
    }
  });
})();
