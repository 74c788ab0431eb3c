// `npm start`: build when needed, then serve the production server (adapter-node) in this process.
import { ensureBuild } from './ensure-build.js';

ensureBuild();
const port = process.env.PORT || '3000';
process.env.PORT = port;
// adapter-node refuses form posts whose Origin differs from ORIGIN, so give it the served URL.
process.env.ORIGIN ||= `http://localhost:${port}`;
process.env.BODY_SIZE_LIMIT ||= '512K';
await import('../build/index.js');
