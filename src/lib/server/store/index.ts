import { JsonStore } from './json-store';
import type { Store } from './store';
import { serverConfig } from '../config';

export type { Store } from './store';
export { StoreError, StoreLockedError, StoreReadError } from './errors';

let opening: Promise<Store> | null = null;

/** The process's one store for DATA_DIR (one process per data folder, see lock.ts). */
export function getStore(): Promise<Store> {
	opening ??= JsonStore.open({ dataDir: serverConfig().dataDir });
	return opening;
}
