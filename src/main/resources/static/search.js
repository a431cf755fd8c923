// The header's search box: htmx fetches suggestions as you type (GET /search/suggestions); this walks
// them with the keyboard. Up and Down move, Enter opens the one chosen (or searches everything when
// none is), Escape closes the list (and clears the box when it is closed). No inline scripts: a CSP forbids them.
(() => {
  const input = () => document.getElementById('global-search');
  const list = () => document.getElementById('search-suggestions');
  const options = () => Array.from(list() ? list().querySelectorAll('[role=option]') : []);

  function show(open) {
    const l = list();
    if (!l) return;
    l.hidden = !open;
    input().setAttribute('aria-expanded', String(open));
  }

  function choose(index) {
    const all = options();
    all.forEach((o, i) => o.setAttribute('aria-selected', String(i === index)));
    const chosen = all[index];
    if (chosen) {
      input().setAttribute('aria-activedescendant', chosen.id);
      chosen.scrollIntoView({ block: 'nearest' });
    } else {
      input().removeAttribute('aria-activedescendant');
    }
  }

  const chosen = () => options().findIndex((o) => o.getAttribute('aria-selected') === 'true');

  document.addEventListener('htmx:afterSwap', (event) => {
    if (event.target && event.target.id === 'search-suggestions') {
      show(options().length > 0 && input().value.trim() !== '');
      choose(-1);
    }
  });

  document.addEventListener('keydown', (event) => {
    const box = input();
    if (!box || event.target !== box) return;
    const all = options();
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (all.length === 0) return;
      event.preventDefault();
      show(true);
      const i = chosen();
      choose(event.key === 'ArrowDown' ? (i + 1) % all.length : (i <= 0 ? all.length - 1 : i - 1));
    } else if (event.key === 'Enter') {
      const i = chosen();
      if (i >= 0 && !list().hidden) {
        event.preventDefault();
        window.location.assign(all[i].href);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (!list().hidden) {
        show(false);
        choose(-1);
      } else {
        box.value = '';
      }
    }
  });

  document.addEventListener('click', (event) => {
    const l = list();
    if (l && !l.hidden && !event.target.closest('.global-search')) show(false);
  });

  document.addEventListener('focusin', (event) => {
    if (event.target === input() && options().length > 0 && input().value.trim() !== '') show(true);
  });
})();
