// Preloaded into a host (NODE_OPTIONS=--require) to move its wall clock: Date.now() answers
// WECOM_E2E_CLOCK_OFFSET_MS later, as if that much time had passed. Timers are untouched.
const offset = Number(process.env.WECOM_E2E_CLOCK_OFFSET_MS || 0);
const realNow = Date.now.bind(Date);
Date.now = () => realNow() + offset;
