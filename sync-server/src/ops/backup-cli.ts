/**
 * `npm run backup -- [FILE]` writes a backup of the configured store (DATA_DIR's SQLite file,
 * or DATABASE_URL) to FILE or to DATA_DIR/backups/. `npm run restore -- FILE` puts one back;
 * stop the server first. Prints one line; never prints the database URL.
 */
import { join } from 'node:path';
import { readConfig } from '../config.ts';
import { BackupError, backupName, backupPostgres, backupSqlite, restorePostgres, restoreSqlite } from './backup.ts';

async function main(): Promise<void> {
  const [verb, file] = process.argv.slice(2);
  const cfg = readConfig(process.env, process.cwd());
  if (verb === 'backup') {
    const dest = file ?? join(cfg.dataDir, 'backups', backupName(cfg.databaseKind, new Date()));
    const { bytes } = cfg.databaseKind === 'sqlite' ? await backupSqlite(cfg.database, dest) : await backupPostgres(cfg.database, dest);
    console.log(`Backup written: ${dest} (${(bytes / 1024).toFixed(0)} KiB)`);
    return;
  }
  if (verb === 'restore' && file) {
    if (cfg.databaseKind === 'sqlite') restoreSqlite(file, cfg.database);
    else await restorePostgres(file, cfg.database);
    console.log(`Restored from ${file}. Start the server again.`);
    return;
  }
  throw new BackupError('usage: npm run backup -- [FILE]   |   npm run restore -- FILE');
}

main().catch((err: unknown) => {
  console.error(err instanceof BackupError ? err.message : `failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
