/**
 * The documentation links n8n shows for the node and the credential must open a README
 * section that exists: the package's homepage plus the anchor GitHub makes for a heading.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { WeComApi } from '../../credentials/WeComApi.credentials';

const ROOT = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const codex = JSON.parse(readFileSync(join(ROOT, 'nodes/WeComGroupChatStatistic/WeComGroupChatStatistic.node.json'), 'utf8'));
const README_URL = manifest.homepage.replace(/#readme$/, '');

/** GitHub's heading anchors (github-slugger): lowercase, punctuation dropped, spaces to '-', repeats numbered. */
function readmeAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6} (.+)$/.exec(line);
    if (!heading) continue;
    const slug = heading[1].trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const repeats = seen.get(slug) ?? 0;
    seen.set(slug, repeats + 1);
    anchors.add(repeats ? `${slug}-${repeats}` : slug);
  }
  return anchors;
}

/** Every link to this package's pages in the n8n and Node-RED sources. */
function linksInSources(): string[] {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : [path];
    });
  const text = ['credentials', 'nodes'].flatMap((dir) => files(join(ROOT, dir))).map((file) => readFileSync(file, 'utf8')).join('\n');
  return [...text.matchAll(/https?:\/\/[^\s'"`<>)]*n8n-nodes-wecom-groupchat[^\s'"`<>)]*/g)].map((m) => m[0]);
}

describe('documentation links', () => {
  const anchors = readmeAnchors(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  const credentialLink = new WeComApi().documentationUrl;
  const codexLinks = [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation].map((link: { url: string }) => link.url);

  it('package.json names one repository, its issues and its README', () => {
    const repository = manifest.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
    expect(manifest.repository.type).toBe('git');
    expect(manifest.homepage).toBe(`${repository}#readme`);
    expect(manifest.bugs.url).toBe(`${repository}/issues`);
  });

  it('finds the node and credential links among the links in the sources', () => {
    expect(codexLinks).toHaveLength(2);
    expect(linksInSources()).toEqual(expect.arrayContaining([credentialLink, ...codexLinks]));
  });

  it('every link opens a README heading that exists', () => {
    const links = [...new Set([credentialLink, ...codexLinks, ...linksInSources()])];
    const broken = links.filter((link) => {
      const [page, anchor] = link.split('#');
      return page !== README_URL || !anchors.has(anchor);
    });
    expect(broken).toEqual([]);
  });

  it('derives anchors as GitHub does', () => {
    const markdown = ['## Node: WeCom Group Chat Statistic', '```sh', '# not a heading', '```', '### `npm run demo`, 2 ways!', '### Records', '### Records'].join('\n');
    expect([...readmeAnchors(markdown)]).toEqual(['node-wecom-group-chat-statistic', 'npm-run-demo-2-ways', 'records', 'records-1']);
  });
});
