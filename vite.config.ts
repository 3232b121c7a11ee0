import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      registerType: 'prompt',
      injectRegister: false,
      manifest: {
        name: 'AssetWalk',
        short_name: 'AssetWalk',
        description: 'Offline-first IT asset survey and service',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#1f4e79',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
        ]
      },
      kit: { adapterFallback: 'index.html', spa: { fallbackMapping: '/' } },
      workbox: {
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webmanifest,woff2,ttf,otf,wasm}'],
        navigateFallback: '/',
        // Never serve API responses from the cache: data lives in IndexedDB.
        navigateFallbackDenylist: [/^\/api\//],
        maximumFileSizeToCacheInBytes: 30 * 1024 * 1024
      }
    })
  ],
  test: {
    include: ['src/**/*.spec.ts', 'tests/unit/**/*.spec.ts', 'sync-server/**/*.spec.ts'],
    exclude: ['**/node_modules/**'],
    environment: 'node',
    testTimeout: 30000
  }
});
