import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The test server's port: free when the run starts, never a fixed number (an old server left on
 * a fixed port would answer in the new one's place). Chosen once in Playwright's main process;
 * its workers inherit it through the environment and so agree on the same origin.
 */
function testPort(): number {
	if (!process.env.TEST_PORT) {
		const probe =
			"const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
		process.env.TEST_PORT = execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }).trim();
	}
	return Number(process.env.TEST_PORT);
}

export const TEST_PORT = testPort();
export const TEST_ORIGIN = `http://localhost:${TEST_PORT}`;
export const TMP_DIR = join(process.cwd(), 'tests', '.tmp');
export const DEMO_FILE = join(TMP_DIR, 'demo.json');
export const DATA_DIR = join(TMP_DIR, 'data');
