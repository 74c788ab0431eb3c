import { findPgBinaries } from '../src/cli/pg-cluster';

// The cluster itself lives beside the bench, which starts one too; the tests import it from here.
export { findPgBinaries, startCluster, type PgCluster } from '../src/cli/pg-cluster';

/**
 * Whether the PostgreSQL tests can run. Without the binaries they are skipped with a message,
 * except under CI, where that would hide that the suite did not run: then it throws.
 */
export function pgTestsAvailable(): boolean {
	if (findPgBinaries()) return true;
	const message =
		'PostgreSQL (initdb, pg_ctl) is niet geïnstalleerd: de PostgreSQL-tests worden overgeslagen. ' +
		'Installeer Debian-pakket postgresql om ze te draaien.';
	if (process.env.CI === 'true') throw new Error(`${message} Onder CI is dat een fout.`);
	console.warn(message);
	return false;
}
