import { join } from 'node:path';

export const TEST_PORT = Number(process.env.TEST_PORT ?? 4317);
export const TEST_ORIGIN = `http://localhost:${TEST_PORT}`;
export const TMP_DIR = join(process.cwd(), 'tests', '.tmp');
export const DEMO_FILE = join(TMP_DIR, 'demo.json');
export const DATA_DIR = join(TMP_DIR, 'data');
