// Programmatic entry for scripts and other tools: the WeCom core client and the emulator.
// `npm run build` (or the published package) provides dist/.
const core = require('./dist/core/index.js');
const { startEmulator } = require('./dist/emulator/index.js');

module.exports = { ...core, startEmulator };
