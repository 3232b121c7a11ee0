import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: { runes: true },
  kit: {
    // SPA: one shell (index.html) serves every deep link, online or offline.
    adapter: adapter({ fallback: 'index.html' }),
    paths: { relative: false },
    serviceWorker: { register: false },
    typescript: {
      // Type-check the test, bench and script files too (svelte-check covers src/ and tests/ only).
      config: (c) => ({ ...c, include: [...c.include, '../playwright.config.ts', '../bench/**/*.ts'] })
    }
  }
};

export default config;
