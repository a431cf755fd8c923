// Sends the CSRF token with every htmx request that changes something, read from the layout's meta tags
// (only present for signed-in people, the only ones who may change anything). Forms rendered with th:action
// carry the token as a hidden field already.
document.addEventListener('htmx:configRequest', (event) => {
  const token = document.querySelector('meta[name="_csrf"]');
  const header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header && event.detail.verb !== 'get') {
    event.detail.headers[header.content] = token.content;
  }
});
