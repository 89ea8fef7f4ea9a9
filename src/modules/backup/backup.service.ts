import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import { backupDatabase, nightlyFolder, pruneBackups } from '../../db/backup.ts';
import type { Database } from '../../db/database.ts';

/**
 * The nightly backup (job `backup.nightly`, 02:00 KST; issue 14 §5): an encrypted backup of the
 * database into `ITDA_BACKUP_DIR/itda-<UTC time>`, keeping the newest `ITDA_BACKUP_KEEP`. In the
 * server process because PGlite serves one process (the command line cannot open its folder while
 * the server runs). Not configured (no folder or no key): the job says so and does nothing.
 */
export function createBackupService(deps: { database: Database; config: Config; logger: Logger; now: () => Date }) {
  return {
    async nightly(): Promise<{ skipped: string } | { folder: string; tables: number; rows: number; bytes: number; pruned: number }> {
      const { dir, key, keep } = deps.config.backup;
      if (!dir || !key) return { skipped: 'ITDA_BACKUP_DIR 와 ITDA_BACKUP_KEY 가 설정되지 않았습니다 (backups not configured)' };
      const folder = nightlyFolder(dir, deps.now());
      const m = await backupDatabase(deps.database, deps.config.database, folder, key);
      const pruned = await pruneBackups(dir, keep);
      const r = {
        folder,
        tables: Object.keys(m.tables).length,
        rows: Object.values(m.tables).reduce((s, t) => s + t.rows, 0),
        bytes: m.bytes,
        pruned: pruned.length,
      };
      deps.logger.info(r, 'backup written');
      return r;
    },
  };
}
export type BackupService = ReturnType<typeof createBackupService>;
