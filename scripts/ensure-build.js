// Builds the app when build/ is missing or older than the sources, so `npm start` works on a
// fresh clone and after a `git pull` without a separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const inputs = ['src', 'static', 'package-lock.json', 'svelte.config.js', 'vite.config.ts', 'vite.cli.config.ts'];

function newest(path) {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	let max = st.mtimeMs;
	for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
	return max;
}

export function ensureBuild() {
	// The oldest output of `npm run build` (the server, then the CLI) must be newer than every input.
	const outputs = [join(root, 'build', 'index.js'), join(root, 'build', 'cli', 'main.js')];
	const built = outputs.every(existsSync) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
	const source = Math.max(...inputs.map((p) => newest(join(root, p))));
	if (built >= source) return;
	console.log('Bouwen van de app (eenmalig na een wijziging)…');
	const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
	if (result.status !== 0) {
		console.error(result.stdout, result.stderr);
		console.error('Bouwen mislukt; zie de meldingen hierboven.');
		process.exit(result.status ?? 1);
	}
}
