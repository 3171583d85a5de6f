// Preloaded into a host (NODE_OPTIONS=--require): Date.now starts at WECOM_E2E_NOW (epoch ms)
// and runs on from there, so a test can put the host on a given day and move it a day on.
const start = Number(process.env.WECOM_E2E_NOW);
if (Number.isFinite(start)) {
  const realNow = Date.now;
  const offset = start - realNow();
  Date.now = () => realNow() + offset;
}
