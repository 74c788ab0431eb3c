/**
 * `npm run store -- copy --from <DATA_DIR> --to <DATABASE_URL>`: moves a JSON installation to
 * PostgreSQL and proves the copy. Every refusal comes before anything is written; the source is
 * only read (opening it holds its lock, so a running server and the copy exclude each other, and
 * the copy does not start while the server could still change what is being copied).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { JsonStore } from '../store/json-store';
import { PgStore } from '../store/pg/pg-store';
import { StoreError, StoreLockedError } from '../store/errors';
import type { Log } from '../store/durable-file';
import { isPostgresUrl } from '../config';
import { domainContext } from '../context';
import * as audit from '../audit';
import { CopyRefused, assertEmptyTarget, assertSourceHoldsData, copyStore, readRounds } from './copy';
import { planLinkKey } from './link-key-plan';
import { roundLine, verifyCopy, type CopyCheck } from './verify';

export { CopyRefused };

export type CopyOptions = {
	from: string;
	to: string;
	/** Where LINK_KEY and LINK_KEY_FILE come from. */
	env: NodeJS.ProcessEnv;
	/** The operator's lines (stdout) and the differences and warnings (stderr). */
	out: (line: string) => void;
	err: (line: string) => void;
	log?: Log;
	now?: () => Date;
};

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export type CopyResult = { ok: boolean; check: CopyCheck };

/** The URL as it may be printed: without its password. */
export function shownUrl(url: string): string {
	try {
		const u = new URL(url);
		if (u.password) u.password = '***';
		return u.toString();
	} catch {
		return url;
	}
}

async function openSource(dataDir: string, log: Log): Promise<JsonStore> {
	// JsonStore.open would make an empty store in a wrong path; refuse before it does.
	if (!existsSync(join(dataDir, 'network.json')) && !existsSync(join(dataDir, 'network.json.bak')))
		throw new CopyRefused(
			`In ${dataDir} staat geen network.json: dit is geen datamap van de Alliantiemonitor (klopt het pad bij --from?). Er is niets gekopieerd.`
		);
	try {
		return await JsonStore.open({ dataDir, log });
	} catch (e) {
		if (e instanceof StoreLockedError)
			throw new CopyRefused(`${e.message} Stop de server voordat u kopieert. Er is niets gekopieerd.`);
		throw e;
	}
}

/**
 * Copies `from` into the empty database `to`, then checks the copy from a freshly opened store
 * (so that nothing this process still holds in memory can hide a difference). Throws CopyRefused
 * when it writes nothing; resolves with `ok: false` when the check finds a difference.
 */
export async function copyToPostgres(options: CopyOptions): Promise<CopyResult> {
	const { from, to, env, out, err } = options;
	const log = options.log ?? ((line: string) => err(line));
	if (!isPostgresUrl(to))
		throw new CopyRefused(`--to moet een PostgreSQL-adres zijn (postgres://… of postgresql://…), niet “${to}”.`);
	const source = await openSource(from, log);
	try {
		await assertSourceHoldsData(source);
		const rounds = await readRounds(source);
		const keyPlan = planLinkKey(source.network(), rounds, from, env, options.now?.() ?? new Date());
		if (!keyPlan.ok) throw new CopyRefused(keyPlan.reason);

		const target = await PgStore.open({ url: to, dataDir: from, log });
		let tally;
		try {
			await assertEmptyTarget(target);
			out(`Kopiëren van ${from} (JSON-opslag) naar ${shownUrl(to)} …`);
			try {
				tally = await copyStore(source, target, rounds);
			} catch (e) {
				throw new StoreError(
					`Kopiëren afgebroken: ${(e as Error).message} De bron is niet gewijzigd. De doeldatabase is half gevuld: ` +
						`maak haar opnieuw aan (dropdb en createdb) en kopieer opnieuw.`,
					{ cause: e }
				);
			}
		} finally {
			await target.close();
		}
		const network = source.network();
		out(
			`Gekopieerd: netwerk “${network.network?.name ?? '(zonder naam)'}” met ${network.partners.length} partners, ` +
				`${network.respondents.length} deelnemers en ${network.users.length} accounts; ${tally.rounds} meetrondes, ` +
				`${tally.published} gepubliceerde sets, ${tally.reviews} reviews van toelichtingen, ${tally.audit} regels in het logboek.`
		);
		const sessions = source.sessions();
		out(
			`Sessies: ${count(sessions.sessions.length, 'sessie', 'sessies')}, ` +
				`${count(sessions.devices.length, 'vertrouwde browser', 'vertrouwde browsers')} en de tellers van mislukte ` +
				`inlogpogingen van ${count(sessions.accountGuards.length, 'account', 'accounts')} gekopieerd: wie ingelogd ` +
				`was, blijft ingelogd, en een geblokkeerd account blijft geblokkeerd.`
		);

		const copy = await PgStore.open({ url: to, dataDir: from, log });
		try {
			out('Controle (opnieuw gelezen uit beide opslagen):');
			const check = await verifyCopy(source, copy);
			for (const round of check.rounds) (round.differences.length ? err : out)(`  ${roundLine(round)}`);
			if (!check.ok) {
				for (const d of check.differences) err(`  VERSCHIL: ${d}`);
				err(
					'De kopie wijkt af van de bron (zie hierboven). Gebruik haar niet: de bron is niet gewijzigd; maak de ' +
						'doeldatabase opnieuw aan (dropdb en createdb) en kopieer opnieuw, of meld het verschil.'
				);
				return { ok: false, check };
			}
			out(`  Netwerk, sessies en logboek (${check.audit} regels): gelijk.`);
			out('Kopie gecontroleerd: alles gelijk.');
			// After the check, so the check compares the log as it was; the log says when the installation moved.
			await audit.record(
				domainContext(copy, null, options.now),
				'store.copied',
				null,
				`gekopieerd uit de JSON-opslag ${from.length > 300 ? `…${from.slice(-300)}` : from}: ${tally.rounds} meetrondes, ${tally.audit} regels logboek`
			);
			for (const line of keyPlan.lines) out(line);
			out(
				`Start nu de instanties met DATABASE_URL=${shownUrl(to)} en die LINK_KEY. ${from} is niet gewijzigd: ` +
					`bewaar hem (gestopt) als terugvaloptie tot de nieuwe opslag goed werkt, en start er geen server meer op.`
			);
			// The old folder is a backup from before the next close: it keeps links the close will cut.
			const linked = [...rounds.values()].some((state) => state.hasLinks());
			out(
				`Let op: ${from} bevat ${linked ? 'de koppeling tussen uitnodigingen en antwoorden van open rondes' : 'de deelnemerslijst en de antwoorden'}. ` +
					`Verwijder de map zodra de nieuwe opslag goed werkt, en uiterlijk 30 dagen na de kopie (zie README, “Back-ups”).`
			);
			return { ok: true, check };
		} finally {
			await copy.close();
		}
	} finally {
		await source.close();
	}
}
