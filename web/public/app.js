// A little progressive JavaScript: everything works without it (plain links and forms); with it, filters apply as
// they change, closing asks first, a form cannot be sent twice, and the board refreshes itself every minute.
document.addEventListener('change', (event) => {
  const el = event.target;
  if (el instanceof HTMLElement && el.hasAttribute('data-autosubmit')) el.closest('form')?.requestSubmit();
});

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement)) return;
  const question = form.getAttribute('data-confirm');
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  if (form.method.toLowerCase() === 'post') {
    for (const button of form.querySelectorAll('button')) button.disabled = true;
  }
});

if (location.pathname === '/' && document.querySelector('table.board')) {
  setTimeout(() => {
    // Not while someone is choosing a filter.
    if (!document.activeElement || document.activeElement === document.body) location.reload();
  }, 60_000);
}
