/**
 * Operator commands, bundled to build/cli/main.js and run through scripts/cli.js:
 *   demo [--links N] [--force]       reset DATA_DIR to the demo network (or fill an empty DATABASE_URL), print login and links
 *   user add EMAIL --role admin|viewer  create an alliance-team account, print its password
 *   link-key rotate                  a new survey-link key; every earlier link stops working
 *   link-key rederive                derive every link again from the current key (after LINK_KEY changed)
 *   store copy --from DIR --to URL   copy a JSON installation (DATA_DIR) into an empty PostgreSQL database and check the copy
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { PgStore } from '$lib/server/store/pg/pg-store';
import { openStore } from '$lib/server/store';
import { acquireLock } from '$lib/server/store/lock';
import { StoreError } from '$lib/server/store/errors';
import { isPostgresUrl, serverConfig } from '$lib/server/config';
import { formatSeedResult, seedDemo } from '$lib/server/seed-demo';
import { UserExistsError, addUser } from '$lib/server/auth/users';
import { userRoleSchema } from '$lib/model/user';
import { ZodError } from 'zod';
import { demoRefusal } from './demo-guard';
import {
	LINK_KEY_BYTES,
	LinkKeyError,
	formatLinkKey,
	linkKeyFile,
	loadLinkKey,
	replaceLinkKeyFile
} from '$lib/server/link-key';
import { randomBytes } from 'node:crypto';
import { rederiveLinks } from '$lib/server/links';
import { domainContext } from '$lib/server/context';
import { CopyRefused, copyToPostgres } from '$lib/server/store-copy/to-postgres';

function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
}

/**
 * On PostgreSQL the demo goes only into an empty database: its rounds' published sets are frozen
 * in the database (schema.ts), so a used one cannot be reset to the demo. Drop and create the
 * database for a fresh demo.
 */
async function demoInDatabase(url: string, links: number) {
	const config = serverConfig();
	const store = await PgStore.open({ url, dataDir: config.dataDir });
	try {
		const network = store.network().network;
		if (network) {
			console.error(
				`npm run demo wist niets: de database bevat al het netwerk "${network.name}". ` +
					`Gebruik voor de demo een lege database (dropdb en createdb).`
			);
			process.exitCode = 2;
			return;
		}
		console.log(formatSeedResult(await seedDemo(store), config.origin, links));
	} finally {
		await store.close();
	}
}

async function demo(args: string[]) {
	const config = serverConfig();
	const links = Number.parseInt(option(args, '--links') ?? String(config.demoLinks), 10);
	if (isPostgresUrl(config.databaseUrl)) return demoInDatabase(config.databaseUrl, links);
	// Hold the lock while checking and deleting, so a running server's files are never pulled away.
	await mkdir(config.dataDir, { recursive: true });
	const release = acquireLock(config.dataDir);
	try {
		const refusal = args.includes('--force') ? null : await demoRefusal(config.dataDir);
		if (refusal) {
			console.error(refusal);
			process.exitCode = 2;
			return;
		}
		for (const name of ['network.json', 'network.json.bak', 'sessions.json', 'sessions.json.bak', 'rounds'])
			await rm(join(config.dataDir, name), { recursive: true, force: true });
	} finally {
		release();
	}
	const store = await JsonStore.open({ dataDir: config.dataDir });
	try {
		const result = await seedDemo(store);
		console.log(formatSeedResult(result, config.origin, links));
	} finally {
		await store.close();
	}
}

async function user(args: string[]) {
	const [sub, email] = args;
	const role = userRoleSchema.safeParse(option(args, '--role') ?? 'viewer');
	if (sub !== 'add' || !email || email.startsWith('--') || !role.success) {
		console.error('Gebruik: npm run user -- add EMAIL --role admin|viewer');
		process.exitCode = 2;
		return;
	}
	const store = await openStore();
	try {
		const { user, password } = await addUser(store, email, role.data);
		console.log(`Account aangemaakt: ${user.email} (${user.role})`);
		console.log(`Wachtwoord: ${password}`);
	} finally {
		await store.close();
	}
}

/** Needs the server stopped: the store's lock makes sure of that. */
async function linkKeyCommand(args: string[]) {
	const [sub] = args;
	if (sub !== 'rotate' && sub !== 'rederive') {
		console.error('Gebruik: npm run link-key -- rotate | rederive');
		process.exitCode = 2;
		return;
	}
	const { dataDir, databaseUrl } = serverConfig();
	if (isPostgresUrl(databaseUrl)) return linkKeyInDatabase(sub, databaseUrl, dataDir);
	const store = await JsonStore.open({ dataDir });
	try {
		const key = sub === 'rotate' ? replaceLinkKeyFile(dataDir) : loadLinkKey(dataDir);
		const count = await rederiveLinks(domainContext(store, null), key);
		console.log(
			sub === 'rotate'
				? `Nieuwe sleutel in ${linkKeyFile(dataDir)}. ${count} links opnieuw afgeleid; alle eerder verstuurde links werken niet meer.`
				: `${count} links opnieuw afgeleid met de huidige sleutel.`
		);
	} finally {
		await store.close();
	}
}

/**
 * On PostgreSQL the key is LINK_KEY, the same for every instance, and no folder lock keeps the
 * servers away: the command refuses while any other process has the database open, since an
 * instance still on the old key would hand out and mail links that do not open.
 */
async function linkKeyInDatabase(sub: 'rotate' | 'rederive', url: string, dataDir: string) {
	const store = await PgStore.open({ url, dataDir });
	try {
		const others = await store.otherProcesses();
		if (others > 0) {
			console.error(
				`${others === 1 ? 'Er draait nog een instantie' : `Er draaien nog ${others} instanties`} (of opdrachten) op deze ` +
					`database. Stop ze eerst alle: een instantie met de oude sleutel zou links uitdelen en mailen die niet openen.`
			);
			process.exitCode = 2;
			return;
		}
		const key = sub === 'rotate' ? randomBytes(LINK_KEY_BYTES) : loadLinkKey(dataDir);
		const count = await rederiveLinks(domainContext(store, null), key);
		console.log(
			sub === 'rotate'
				? `Nieuwe sleutel: LINK_KEY=${formatLinkKey(key)}\n${count} links opnieuw afgeleid; alle eerder verstuurde ` +
						`links werken niet meer. Zet deze LINK_KEY voor elke instantie voordat u ze weer start (een geheim: ` +
						`bewaar hem als een wachtwoord); zolang er open rondes met links zijn, start een instantie met een andere sleutel niet.`
				: `${count} links opnieuw afgeleid met LINK_KEY. Start elke instantie met dezelfde LINK_KEY.`
		);
	} finally {
		await store.close();
	}
}

const STORE_USAGE = 'Gebruik: npm run store -- copy --from DATA_DIR --to postgresql://…';

/** Needs the server stopped: the source's lock makes sure of that (see store-copy/to-postgres.ts). */
async function storeCommand(args: string[]) {
	const [sub] = args;
	const from = option(args, '--from');
	const to = option(args, '--to');
	if (sub !== 'copy' || !from || from.startsWith('--') || !to || to.startsWith('--')) {
		console.error(STORE_USAGE);
		process.exitCode = 2;
		return;
	}
	try {
		const { ok } = await copyToPostgres({
			from,
			to,
			env: process.env,
			out: (line) => console.log(line),
			err: (line) => console.error(line)
		});
		if (!ok) process.exitCode = 1;
	} catch (e) {
		if (!(e instanceof CopyRefused)) throw e;
		console.error(e.message);
		process.exitCode = 2;
	}
}

const [command, ...rest] = process.argv.slice(2);
try {
	if (command === 'demo') await demo(rest);
	else if (command === 'user') await user(rest);
	else if (command === 'link-key') await linkKeyCommand(rest);
	else if (command === 'store') await storeCommand(rest);
	else {
		console.error(
			'Onbekend commando. Gebruik: demo [--links N] [--force] | user add EMAIL --role admin|viewer | link-key rotate|rederive | store copy --from DATA_DIR --to postgresql://…'
		);
		process.exitCode = 2;
	}
} catch (e) {
	if (e instanceof StoreError || e instanceof UserExistsError || e instanceof LinkKeyError) console.error(e.message);
	else if (e instanceof ZodError) console.error('Ongeldige invoer: ' + e.issues.map((i) => i.message).join('; '));
	else throw e;
	process.exitCode = 1;
}
