// SPA: the shell renders in the browser only, so one cached index.html serves every route offline.
export const ssr = false;
export const prerender = false;
