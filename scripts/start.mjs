// npm start: build the app, then run the sync server, which serves it and prints the one address to open.
import { spawnSync, spawn } from 'node:child_process';

const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn('npx', ['tsx', 'sync-server/src/main.ts'], {
  stdio: 'inherit',
  env: { STATIC_DIR: 'build', ...process.env }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
