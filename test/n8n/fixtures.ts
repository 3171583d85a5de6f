import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkflowJson } from '../../scripts/hosts/n8n/engine';

/** A fresh copy of fixtures/<name>.workflow.json. */
export function loadFixture(name: string): WorkflowJson {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.workflow.json`), 'utf8')) as WorkflowJson;
}
