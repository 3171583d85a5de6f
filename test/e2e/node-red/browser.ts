import type { Browser } from 'playwright-core';
import { openWatchedPage, type WatchedPage } from '../../support/chromium';

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

/**
 * Opens the Node-RED editor at `url` in a fresh context whose browser language is `locale`
 * (the editor follows navigator.language and Accept-Language), and waits until the palette
 * holds `paletteType`.
 */
export async function openEditor(browser: Browser, url: string, locale: string, paletteType: string): Promise<WatchedPage> {
  const editor = await openWatchedPage(browser, locale);
  await editor.page.goto(url);
  await editor.page.locator(`#red-ui-palette .red-ui-palette-node[data-palette-type="${paletteType}"]`).waitFor({ timeout: 60_000 });
  return editor;
}

/** `.config.users.json` for a user dir: the anonymous user has seen the welcome tour. */
export const NO_WELCOME_TOUR = { _: { editor: { view: { 'view-show-welcome-tours': false } } } };
