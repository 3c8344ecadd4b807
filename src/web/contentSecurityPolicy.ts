/** The Content-Security-Policy of every page: no scripts, no inline styles, nothing from other origins. */
export const CSP = {
  'default-src': ["'self'"],
  'script-src': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'object-src': ["'none'"],
};
