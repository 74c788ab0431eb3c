import { join } from 'node:path';
import { serverConfig } from './config';
import { getStore } from './store';
import { formatSeedResult, seedDemo } from './seed-demo';
import { StoreError } from './store/errors';
import { describeFiles, roundDataFiles } from './store/round-files';
import { networkSchema } from '$lib/model/network';
import type { Store } from './store';
import { domainContext } from './context';
import * as retention from './retention';
import { closeDueRounds } from './closing';
import { openDueRounds } from './round-lifecycle';
import { LinkKeyError, linkKey, linkKeyFile } from './link-key';
import { linksMadeWith, liveLinks } from './link-key-fit';
import { isRoundClosed } from './survey/access';
import type { RoundState } from './store/round-state';
import { mailConfig } from './mail/config';
import { Sender } from './mail/sender';

/**
 * Runs once when the server starts: opens the data folder (refusing a locked or unreadable one)
 * and fills an empty one, with the demo network unless DEMO=0.
 */
export async function startUp() {
	const config = serverConfig();
	const started = performance.now();
	// The survey-link key: made on the first start, and a damaged one stops the start by name.
	linkKey();
	const store = await getStore();
	if (store.network().network === null) {
		await refuseOverRoundData(store.dataDir);
		if (config.demo) {
			const result = await seedDemo(store);
			console.log(formatSeedResult(result, config.origin, config.demoLinks));
		} else {
			await store.updateNetwork((d) => {
				d.network = networkSchema.parse({ id: 'samenwerkingsverband', name: 'Samenwerkingsverband' });
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
	await refuseForeignLinkKey(store, config.dataDir);
	// Before serving: a restart after an opening date opens (and invites), after a closing date
	// publishes and cuts the links first.
	await openDue(store);
	await closeDue(store);
	setInterval(() => void openDue(store).then(() => closeDue(store)), MINUTE_MS).unref();
	scheduleRetention(store);
	startSending(store, config.origin);
	console.log(
		`Alliantiemonitor draait op ${config.origin} (data: ${config.dataDir}, opgestart in ${Math.round(performance.now() - started)} ms)`
	);
}

/**
 * With SMTP_URL set, the outbox is sent in the background (mail/sender.ts). The server's stop
 * (scripts/serve.js) waits for the message in flight, so a restart never sends one twice.
 */
function startSending(store: Store, origin: string) {
	const mail = mailConfig();
	if (mail.state === 'invalid') {
		console.error(`[e-mail] E-mail staat uit: ${mail.problem}`);
		return;
	}
	if (mail.state === 'off') return;
	const sender = new Sender(domainContext(store, null), { config: mail, origin });
	sender.start();
	process.on('alliantiemonitor:stopping', (finishing: Promise<unknown>[]) => finishing.push(sender.stop()));
	console.log(`[e-mail] Verzenden via ${mail.server} vanaf ${mail.from}, hooguit ${mail.perMinute} per minuut.`);
}

/**
 * A folder without a network but with round files lost its network.json (an operator moved it,
 * a restore went wrong). Seeding there would empty or orphan acknowledged answers.
 */
async function refuseOverRoundData(dataDir: string) {
	const found = await roundDataFiles(dataDir);
	if (found.length === 0) return;
	throw new StoreError(
		`${join(dataDir, 'network.json')} ontbreekt (en network.json.bak ook), maar ${join(dataDir, 'rounds')} ` +
			`bevat nog rondegegevens (${describeFiles(found)}). Een nieuw netwerk zou die antwoorden wissen of ` +
			`onbereikbaar maken. Zet network.json terug uit een back-up; of verplaats de map rounds naar elders ` +
			`als die antwoorden echt weg mogen, en start dan opnieuw.`
	);
}

/**
 * A server whose key made none of the open rounds' links (a LINK_KEY mistyped on one instance,
 * a key file lost in a move) would send reminders and hand out links that do not open. The store
 * keeps each link's hash, so the key can be checked against them before anything is served.
 */
async function refuseForeignLinkKey(store: Store, dataDir: string) {
	const now = new Date();
	const rounds = new Map<string, RoundState>();
	for (const round of store.network().rounds) {
		const state = isRoundClosed(round, now) ? null : await store.round(round.id);
		if (state) rounds.set(round.id, state);
	}
	const live = liveLinks(store.network(), rounds, now);
	if (live.length === 0) return;
	const made = linksMadeWith(live, linkKey());
	const source = process.env.LINK_KEY ? 'LINK_KEY' : `De sleutel in ${linkKeyFile(dataDir)}`;
	if (made === 0)
		throw new LinkKeyError(
			`${source} is niet de sleutel waarmee de enquêtelinks zijn gemaakt: geen van de ${live.length} links van ` +
				`open rondes past erbij. Met deze sleutel zouden opgehaalde links en e-mails niet ` +
				`openen. Start met de sleutel waarmee de links zijn gemaakt (bij meerdere instanties: dezelfde LINK_KEY ` +
				`voor elke). Is die sleutel echt kwijt, leid de links dan opnieuw af met npm run link-key -- rederive ` +
				`(alle verstuurde links werken daarna niet meer).`
		);
	if (made < live.length)
		console.warn(
			`[links] ${live.length - made} van de ${live.length} links van open rondes zijn met een ` +
				`andere sleutel gemaakt dan ${source === 'LINK_KEY' ? 'LINK_KEY' : 'het sleutelbestand'}: die zijn niet op te ` +
				`halen of te mailen. npm run link-key -- rederive leidt ze opnieuw af (dan werken de verstuurde niet meer).`
		);
}

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
let closing = false;

/**
 * Rounds close by their date (closing.ts): at start and then every minute, each round whose
 * closing time has passed is published once and loses its invitation–response links.
 */
async function closeDue(store: Store) {
	// A run on a big round may take longer than the minute: never two at once.
	if (closing) return;
	closing = true;
	try {
		const closed = await closeDueRounds(domainContext(store, null));
		if (closed.length > 0) console.log(`[sluiten] ronde(s) gesloten en gepubliceerd: ${closed.join(', ')}.`);
	} catch (e) {
		console.error('[sluiten] sluiten van een ronde mislukte; over een minuut opnieuw:', e);
	} finally {
		closing = false;
	}
}

let opening = false;

/** Drafts open by their date (round-lifecycle.ts): invitations made, k frozen, recorded. */
async function openDue(store: Store) {
	if (opening) return;
	opening = true;
	try {
		const opened = await openDueRounds(domainContext(store, null));
		if (opened.length > 0) console.log(`[openen] ronde(s) geopend op de openingsdatum: ${opened.join(', ')}.`);
	} catch (e) {
		console.error('[openen] openen van een ronde of uitnodigen mislukte; over een minuut opnieuw:', e);
	} finally {
		opening = false;
	}
}

/**
 * The AVG retention period is kept by the server itself: once at start and then daily, people
 * not invited for longer than the network's period are erased (retention.ts; the audit log says
 * how many). The demo's people are fictitious and stay, so the demo keeps the data it shows.
 */
function scheduleRetention(store: Store) {
	const run = async () => {
		if (store.network().network?.isDemo !== false) return;
		try {
			const erased = await retention.eraseDue(domainContext(store, null));
			if (erased > 0) console.log(`[bewaartermijn] ${erased} deelnemer(s) gewist: bewaartermijn verstreken.`);
		} catch (e) {
			console.error('[bewaartermijn] wissen na de bewaartermijn mislukte; morgen opnieuw:', e);
		}
	};
	void run();
	setInterval(run, DAY_MS).unref();
}
