/**
 * What `npm pack` ships: the n8n example workflows in n8n-workflows/, and in examples/ only
 * Node-RED flows, because Node-RED lists everything under a package's examples/ (subfolders
 * too) in its Import -> Examples menu.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

const packed: string[] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: ROOT, encoding: 'utf8' }))[0].files.map(
  (file: { path: string }) => file.path,
);
const under = (folder: string): string[] => packed.filter((path) => path.startsWith(`${folder}/`)).sort();
const read = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

describe('the packed tarball', () => {
  it('ships the n8n example workflows in n8n-workflows/', () => {
    expect(under('n8n-workflows')).toEqual([
      'n8n-workflows/daily-report-to-google-sheets.json',
      'n8n-workflows/history-to-google-sheets.json',
      'n8n-workflows/weekly-owner-ranking-to-slack.json',
    ]);
    for (const path of under('n8n-workflows')) {
      const workflow = read(path) as { nodes: { type: string }[]; connections: object };
      expect(workflow.connections).toBeInstanceOf(Object);
      expect(workflow.nodes.map((node) => node.type)).toContainEqual(expect.stringMatching(/^n8n-nodes-wecom-groupchat\.weComGroupChatStatistic(Trigger)?$/));
    }
  });

  it('holds only Node-RED flows in examples/, no subfolder', () => {
    const examples = under('examples');
    expect(examples.length).toBeGreaterThan(0);
    for (const path of examples) {
      expect(path).toMatch(/^examples\/[^/]+\.json$/);
      const flow = read(path) as { id: string; type: string }[];
      expect(Array.isArray(flow)).toBe(true);
      expect(flow.map((node) => node.type)).toContain('wecom-groupchat-statistic');
    }
  });
});
