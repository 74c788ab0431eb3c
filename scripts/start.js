// `npm start`: build when needed, then serve the production server in this process.
import { ensureBuild } from './ensure-build.js';

ensureBuild();
await import('./serve.js');
