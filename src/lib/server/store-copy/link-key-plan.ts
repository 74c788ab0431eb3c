/**
 * Which LINK_KEY the PostgreSQL instances need after the copy. The store keeps only the SHA-256 of
 * each survey link, so links already sent open in the copy whatever the key; but the admin's
 * "link opnieuw ophalen", links.csv and the e-mails the sender writes derive the link again from
 * the key (links.ts, mail/sender.ts), and under another key those links would not open. So the
 * instances must run with the key the source's links were made with: LINK_KEY when it was set
 * for the JSON server, else the key file beside DATA_DIR (which PostgreSQL does not read).
 */
import { randomBytes } from 'node:crypto';
import type { NetworkFile } from '../store/files';
import type { RoundState } from '../store/round-state';
import { LINK_KEY_BYTES, environmentLinkKey, formatLinkKey, readLinkKeyFile } from '../link-key';
import { linksMadeWith, liveLinks } from '../link-key-fit';

export type LinkKeyPlan =
	| {
			ok: true;
			/** What the operator reads: which LINK_KEY to set for every instance, and why. */
			lines: string[];
	  }
	| { ok: false; reason: string };

type Candidate = { key: Buffer; where: string; matches: number };

export function planLinkKey(
	network: Readonly<NetworkFile>,
	rounds: ReadonlyMap<string, RoundState>,
	dataDir: string,
	env: NodeJS.ProcessEnv,
	now: Date
): LinkKeyPlan {
	const live = liveLinks(network, rounds, now);
	const count = (key: Buffer) => linksMadeWith(live, key);
	const fromEnv = environmentLinkKey(env);
	const file = readLinkKeyFile(dataDir, env);
	const envCandidate: Candidate | null = fromEnv && { key: fromEnv, where: 'LINK_KEY', matches: count(fromEnv) };
	const fileCandidate: Candidate | null = file.key && { key: file.key, where: file.path, matches: count(file.key) };
	const staleNote = (c: Candidate) =>
		c.matches < live.length
			? [
					`Let op: ${live.length - c.matches} van de ${live.length} links van open rondes waren in de bron al met een ` +
						`andere sleutel gemaakt (de sleutel is ooit gewisseld zonder de links opnieuw af te leiden); ` +
						`die blijven ook na de kopie buiten de download van links.`
				]
			: [];

	if (envCandidate) {
		if (live.length === 0 || envCandidate.matches >= (fileCandidate?.matches ?? 0)) {
			if (live.length > 0 && envCandidate.matches === 0)
				return {
					ok: false,
					reason:
						`LINK_KEY is niet de sleutel waarmee de enquêtelinks van de bron zijn gemaakt (geen van de ${live.length} ` +
						`links van open rondes past erbij), en de sleutel van de bron is niet gevonden (${file.path}). ` +
						`Zet LINK_KEY op de sleutel waarmee de JSON-server draaide. Er is niets gekopieerd.`
				};
			return {
				ok: true,
				lines: [
					live.length > 0
						? `LINK_KEY: de enquêtelinks van de bron zijn met deze sleutel gemaakt. Zet dezelfde LINK_KEY voor elke instantie.`
						: `LINK_KEY: er zijn geen links van open rondes; zet deze LINK_KEY voor elke instantie.`,
					...staleNote(envCandidate)
				]
			};
		}
		return {
			ok: false,
			reason:
				`LINK_KEY verschilt van de sleutel waarmee de enquêtelinks van de bron zijn gemaakt (${file.path}). ` +
				`Met deze LINK_KEY zouden de links die de beheerder ophaalt en de e-mails van de verzender niet openen. ` +
				`Zet LINK_KEY op de sleutel uit dat bestand, of laat LINK_KEY weg: dan noemt de kopie hem. Er is niets gekopieerd.`
		};
	}
	if (fileCandidate && (live.length === 0 || fileCandidate.matches > 0))
		return {
			ok: true,
			lines: [
				`Zet LINK_KEY=${formatLinkKey(fileCandidate.key)} voor elke instantie: de sleutel uit ${file.path}, ` +
					`waarmee de enquêtelinks van de bron zijn gemaakt (PostgreSQL leest geen sleutelbestand). ` +
					`Het is een geheim: bewaar hem als een wachtwoord, niet in tickets of logs.`,
				...staleNote(fileCandidate)
			]
		};
	if (live.length === 0)
		return {
			ok: true,
			lines: [
				`Er zijn geen links van open rondes en geen sleutel om over te nemen. Zet een nieuwe sleutel voor elke ` +
					`instantie, bijvoorbeeld LINK_KEY=${formatLinkKey(randomBytes(LINK_KEY_BYTES))} (een geheim: bewaar hem als een wachtwoord).`
			]
		};
	return {
		ok: false,
		reason: fileCandidate
			? `De sleutel in ${file.path} past bij geen van de ${live.length} links van open rondes, en LINK_KEY is niet gezet. ` +
				`Zet LINK_KEY op de sleutel waarmee de JSON-server draaide. Er is niets gekopieerd.`
			: `De bron heeft ${live.length} links in open rondes, maar hun sleutel is niet gevonden: LINK_KEY is niet gezet ` +
				`en ${file.path} bestaat niet. Zet LINK_KEY op de sleutel waarmee de JSON-server draaide. Er is niets gekopieerd.`
	};
}
