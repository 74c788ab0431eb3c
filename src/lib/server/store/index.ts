import { JsonStore } from './json-store';
import { PgStore } from './pg/pg-store';
import type { Store } from './store';
import { isPostgresUrl, serverConfig } from '../config';

export type { Store } from './store';
export { StoreError, StoreLockedError, StoreReadError, StoreUnavailableError } from './errors';

let opening: Promise<Store> | null = null;

/**
 * Opens the configured store: PostgreSQL when DATABASE_URL names a database (shared by any
 * number of instances), else the JSON store in DATA_DIR (one process per folder, see lock.ts).
 */
export function openStore(): Promise<Store> {
	const { dataDir, databaseUrl } = serverConfig();
	return isPostgresUrl(databaseUrl) ? PgStore.open({ url: databaseUrl, dataDir }) : JsonStore.open({ dataDir });
}

/** The server process's one store. */
export function getStore(): Promise<Store> {
	opening ??= openStore();
	return opening;
}
