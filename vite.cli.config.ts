// The command-line tools (`npm run demo`, `npm run user`) share the server's domain code.
// They are bundled separately from the SvelteKit app so they run on plain Node.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
	resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
	build: {
		ssr: true,
		outDir: 'build/cli',
		emptyOutDir: true,
		target: 'node20',
		rollupOptions: {
			input: { main: 'src/cli/main.ts', bench: 'src/cli/bench.ts' },
			output: { format: 'es', entryFileNames: '[name].js' }
		}
	}
});
