import { join } from 'node:path';
import { DurableJsonFile } from '$lib/server/store/durable-file';
import { StoreError } from '$lib/server/store/errors';
import { parseNetworkFile } from '$lib/server/store/files';
import { describeFiles, roundDataFiles } from '$lib/server/store/round-files';

const FORCE = 'Voeg --force toe (npm run demo -- --force) als alles in deze map echt weg mag.';

/**
 * Why `demo` must not wipe DATA_DIR, or null when it may: a demo folder is reset, a real
 * network or answers without a network are not, unless the operator says --force.
 */
export async function demoRefusal(dataDir: string): Promise<string | null> {
	let file;
	try {
		file = await new DurableJsonFile(join(dataDir, 'network.json'), parseNetworkFile, () => undefined).read();
	} catch (e) {
		if (!(e instanceof StoreError)) throw e;
		return `npm run demo wist niets: ${e.message} ${FORCE}`;
	}
	const network = file?.network ?? null;
	if (network && !network.isDemo)
		return (
			`npm run demo wist niets: ${dataDir} bevat het netwerk "${network.name}", geen demo. ` +
			`Kies een andere DATA_DIR voor de demo. ${FORCE}`
		);
	const rounds = network ? [] : await roundDataFiles(dataDir);
	if (rounds.length > 0)
		return (
			`npm run demo wist niets: ${join(dataDir, 'rounds')} bevat rondegegevens (${describeFiles(rounds)}) ` +
			`maar er is geen netwerk. Zet network.json terug uit een back-up. ${FORCE}`
		);
	return null;
}
