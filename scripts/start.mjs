// npm start: build the app, then run the sync server, which serves it and prints the one address to open.
import { spawnSync, spawn } from 'node:child_process';

console.log('Building the app…');
// The build's own chatter is shown only when it fails: npm start prints one address to open.
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], { encoding: 'utf8' });
if (build.status !== 0) {
  process.stdout.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  process.exit(build.status ?? 1);
}

const server = spawn('npx', ['tsx', 'sync-server/src/main.ts'], {
  stdio: 'inherit',
  env: { STATIC_DIR: 'build', ...process.env }
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
