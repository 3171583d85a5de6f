import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * The slice of the editor's global `RED` that the tests call from `page.evaluate`.
 * Callbacks run in the page: reach it as `(globalThis as unknown as EditorWindow).RED`.
 */
export interface EditorWindow {
  RED: {
    nodes: {
      getType(type: string): { category: string } | undefined;
      node(id: string): { type: string; credentials?: Record<string, unknown> } | undefined;
      filterNodes(filter: { z?: string; type?: string }): { id: string; type: string }[];
    };
    workspaces: { active(): string };
    sidebar: { help: { show(type: string): void }; config: { show(): void } };
    actions: { invoke(name: string): void };
  };
}

export interface EditorPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions thrown in the page (a broken node .html shows up here). */
  errors: string[];
}

/**
 * Opens the Node-RED editor at `url` in a fresh context whose browser language is `locale`
 * (the editor follows navigator.language and Accept-Language), and waits until the palette
 * holds `paletteType`.
 */
export async function openEditor(browser: Browser, url: string, locale: string, paletteType: string): Promise<EditorPage> {
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.locator(`#red-ui-palette .red-ui-palette-node[data-palette-type="${paletteType}"]`).waitFor({ timeout: 60_000 });
  return { context, page, errors };
}

/** `.config.users.json` for a user dir: the anonymous user has seen the welcome tour. */
export const NO_WELCOME_TOUR = { _: { editor: { view: { 'view-show-welcome-tours': false } } } };
