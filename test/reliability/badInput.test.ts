/**
 * Every bad value of the table, through every surface that can carry it: the error names
 * the field and what is allowed, and the emulator sees no request at all, not even gettoken.
 * Nothing captured on the way holds the secret or a token.
 */
import { startEmulator, type Emulator } from '../../emulator';
import { INPUT_FIELDS, labelOf, renderText } from '../../core/errors/inputFields';
import { releaseN8nResources } from '../../scripts/hosts/n8n/engine';
import { serializeEverything } from '../support/serializeEverything';
import { BAD_INPUTS, baseline, inputOf, NOW, TODAY, type BadInput, type InputKey, type UserInput } from './badInputs';
import { CORP_ID, findSecrets, SECRET } from './knownSecrets';
import { coreSurface } from './surfaces/core';
import { n8nSurface, NODE, runInN8n } from './surfaces/n8n';
import { nodeRedMessageSurface, nodeRedNodeSurface, startNodeRed, stopNodeRed } from './surfaces/nodeRed';
import type { Outcome, Surface } from './surfaces/surface';

const SURFACES: Surface[] = [coreSurface, n8nSurface, nodeRedNodeSurface, nodeRedMessageSurface];

let emu: Emulator;
let host: string;
const captured: Record<string, string> = {};
let runs = 0;

function keep(name: string, outcome: Outcome): void {
  for (const [where, text] of Object.entries(outcome.captured)) captured[`${name}: ${where}`] = text;
  runs++;
}

/** The bad inputs this surface can carry, by name. */
function casesFor(surface: Surface): [string, BadInput][] {
  return BAD_INPUTS.filter((bad) => {
    const input = inputOf(bad, '127.0.0.1:1'); // the host changes no key, only a URL
    return (Object.keys(input) as InputKey[]).every((key) => surface.keys.includes(key)) && surface.accepts(input);
  }).map((bad) => [bad.name, bad]);
}

const withBaseline = (bad: BadInput): UserInput => ({ ...baseline(host), ...inputOf(bad, host) });

beforeAll(async () => {
  // Only Date is faked: "today" is TODAY for the nodes; timers and I/O run for real.
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
      'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
    ],
  });
  expect(Date.now()).toBe(NOW.getTime());
  emu = await startEmulator({ port: 0, host: '127.0.0.1', today: TODAY, owners: 5, corpId: CORP_ID, corpSecret: SECRET });
  host = new URL(emu.baseUrl).host;
  await startNodeRed();
});

afterEach(() => emu.clearLog());

afterAll(async () => {
  await stopNodeRed();
  await emu.close();
  releaseN8nResources();
  jest.useRealTimers();
});

describe.each(SURFACES.map((surface) => [surface.name, surface] as const))('bad input through %s', (_name, surface) => {
  it('the baseline itself succeeds against the emulator, so each refusal below is the bad value\'s doing', async () => {
    const outcome = await surface.run(baseline(host));
    keep(`${surface.name} baseline`, outcome);
    expect(outcome).toMatchObject({ records: 2 });
    expect(emu.callCount('gettoken')).toBe(1);
    expect(emu.callCount('groupchat/statistic')).toBe(1);
  });

  it.each(casesFor(surface))('%s', async (name, bad) => {
    const outcome = await surface.run(withBaseline(bad));
    keep(`${surface.name} ${name}`, outcome);
    expect(outcome.records).toBeUndefined();
    expect(outcome.errorName).toBe(surface.errorName);
    const label = labelOf(bad.field, surface.labels);
    expect(outcome.field).toBe(label);
    expect(outcome.allowed).toContain(renderText(bad.allowed, surface.labels));
    expect(outcome.message).toContain(`Invalid ${label}: `);
    expect(outcome.message).toContain(`Allowed: ${outcome.allowed}.`);
    // A host names every field its advice refers to by its label, never by a core id.
    if (surface.labels) for (const id of INPUT_FIELDS) expect(outcome.message).not.toContain(`"${id}"`);
    expect(emu.callCount()).toBe(0);
    expect(emu.log).toEqual([]);
  });
});

describe('n8n with Continue On Fail', () => {
  it.each(['a limit of 2.5', 'an empty secret'])('%s: one error item naming the parameter, and no request', async (name) => {
    const bad = BAD_INPUTS.find((candidate) => candidate.name === name) as BadInput;
    const label = labelOf(bad.field, n8nSurface.labels);
    const result = await runInN8n(withBaseline(bad), true);
    keep(`n8n continue on fail ${name}`, { captured: { 'n8n run': serializeEverything(result.run) } });
    expect(result.run.status).toBe('success');
    const items = result.items(NODE);
    expect(items).toHaveLength(1);
    expect(items[0].pairedItem).toEqual({ item: 0 });
    expect(items[0].json).toEqual({
      error: expect.stringContaining(`Invalid ${label}: `),
      description: expect.stringContaining(`Parameter: ${label}. Allowed: ${renderText(bad.allowed, n8nSurface.labels)}`),
      parameter: label,
    });
    expect(emu.callCount()).toBe(0);
  });
});

describe('the table and the leak scan', () => {
  it('has at least 40 bad values, and each surface carries at least 20 of them', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(BAD_INPUTS.map((bad) => bad.name)).size).toBe(BAD_INPUTS.length);
    for (const surface of SURFACES) expect(casesFor(surface).length).toBeGreaterThanOrEqual(20);
    for (const bad of BAD_INPUTS) expect(SURFACES.filter((surface) => casesFor(surface).some(([, candidate]) => candidate === bad)).length).toBeGreaterThan(0);
  });

  it('nothing captured holds the secret or an access token', () => {
    // Every run above left its texts here; the baselines got a token; the scan can see the secret.
    expect(runs).toBe(SURFACES.reduce((sum, surface) => sum + 1 + casesFor(surface).length, 0) + 2);
    expect(emu.issuedTokens().length).toBeGreaterThan(0);
    expect(findSecrets({ probe: `x${SECRET}x` }, [])).toEqual(['probe holds the corp secret']);
    expect(findSecrets(captured, emu.issuedTokens())).toEqual([]);
  });
});
