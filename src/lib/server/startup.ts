import { serverConfig } from './config';
import { getStore } from './store';
import { formatSeedResult, seedDemo } from './seed-demo';

/**
 * Runs once when the server starts: opens the data folder (refusing a locked or unreadable one)
 * and fills an empty one, with the demo network unless DEMO=0.
 */
export async function startUp() {
	const config = serverConfig();
	const started = performance.now();
	const store = await getStore();
	if (store.network().network === null) {
		if (config.demo) {
			const result = await seedDemo(store);
			console.log(formatSeedResult(result, config.origin, config.demoLinks));
		} else {
			await store.updateNetwork((d) => {
				d.network = {
					id: 'samenwerkingsverband',
					name: 'Samenwerkingsverband',
					description: '',
					isDemo: false,
					kAnonymity: 5,
					contactEmail: ''
				};
			});
			console.log(
				`Lege installatie in ${config.dataDir}. Maak een account aan met:\n` +
					`  npm run user -- add uw.naam@organisatie.nl --role admin`
			);
		}
	} else if (store.network().users.length === 0) {
		console.log('Er is nog geen account. Maak er een met: npm run user -- add EMAIL --role admin');
	}
	// Open rounds are the ones being written: read (and so check) them now, so a damaged file
	// stops the start with its name instead of surfacing at a respondent's first answer.
	for (const round of store.network().rounds) if (round.status === 'open') await store.round(round.id);
	console.log(
		`Alliantiemonitor draait op ${config.origin} (data: ${config.dataDir}, opgestart in ${Math.round(performance.now() - started)} ms)`
	);
}
