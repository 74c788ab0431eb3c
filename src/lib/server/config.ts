import { resolve } from 'node:path';

/** Whether a DATABASE_URL names PostgreSQL (anything else leaves the JSON store in charge). */
export const isPostgresUrl = (url: string | undefined): url is string => /^postgres(ql)?:\/\//.test(url ?? '');

/** Operator settings, read from the environment when first needed (DESIGN.md §5). */
export function serverConfig() {
	const port = Number.parseInt(process.env.PORT ?? '3000', 10) || 3000;
	return {
		dataDir: resolve(process.env.DATA_DIR || './data'),
		/** postgres://… puts the data in PostgreSQL instead of DATA_DIR's files (store/index.ts). */
		databaseUrl: process.env.DATABASE_URL || undefined,
		port,
		origin: (process.env.ORIGIN || `http://localhost:${port}`).replace(/\/+$/, ''),
		/** An empty data folder gets the demo network unless DEMO=0. */
		demo: process.env.DEMO !== '0',
		/** Survey links printed after seeding the demo. */
		demoLinks: Number.parseInt(process.env.DEMO_LINKS ?? '8', 10) || 8
	};
}
