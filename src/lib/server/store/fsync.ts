import { open } from 'node:fs/promises';

/** fsync a folder so that a rename or new file inside it survives a power cut. */
export async function fsyncDir(dir: string): Promise<void> {
	const handle = await open(dir, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}
