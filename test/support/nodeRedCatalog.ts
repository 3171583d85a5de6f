import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
/* eslint-disable @typescript-eslint/no-require-imports -- Node-RED nodes are CommonJS modules */
import configModule = require('../../nodes/node-red/wecom-config');
import statisticModule = require('../../nodes/node-red/wecom-groupchat-statistic');
/* eslint-enable @typescript-eslint/no-require-imports */

const LOCALES = join(__dirname, '../../nodes/node-red/locales');

type Catalog = { [key: string]: string | Catalog };
type Translate = (key: string, substitutions?: Record<string, unknown>) => string;

/** Every message catalog of one language, merged: their top-level keys are the node types. */
function catalogs(lang: string): Catalog {
  const files = readdirSync(join(LOCALES, lang)).filter((file) => file.endsWith('.json'));
  return Object.assign({}, ...files.map((file) => JSON.parse(readFileSync(join(LOCALES, lang, file), 'utf8')) as Catalog));
}

function lookup(catalog: Catalog, key: string): string | undefined {
  const value = key.split('.').reduce<string | Catalog | undefined>((at, part) => (typeof at === 'object' ? at[part] : undefined), catalog);
  return typeof value === 'string' ? value : undefined;
}

/** One text of a language's catalogs by its key, e.g. 'wecom-config.hints.40001'; fails loudly when missing. */
export function catalogText(lang: string, key: string): string {
  const text = lookup(catalogs(lang), key);
  if (text === undefined) throw new Error(`no ${lang} text at ${key}`);
  return text;
}

/**
 * RED._ as a Node-RED runtime in `lang` answers from this package's catalogs: en-US where
 * `lang` lacks a key, the key itself where both do, `__name__` substituted.
 */
export function catalogTranslator(lang: string): Translate {
  const inOrder = [catalogs(lang), catalogs('en-US')];
  return (key, substitutions = {}) => {
    const bare = key.slice(key.indexOf(':') + 1);
    const text = inOrder.map((catalog) => lookup(catalog, bare)).find((found) => found !== undefined);
    if (text === undefined) return bare;
    return text.replace(/__(\w+)__/g, (match, name: string) => (name in substitutions ? String(substitutions[name]) : match));
  };
}

/**
 * A node module whose RED._ reads the catalogs: node-red-node-test-helper's answers every
 * key with the key, so tests through it would never read what users do.
 */
export function withCatalog<T extends (RED: never) => void>(nodeModule: T, lang = 'en-US'): T {
  const translate = catalogTranslator(lang);
  const wrapped = (RED: object): void => nodeModule(new Proxy(RED, { get: (target, key) => (key === '_' ? translate : Reflect.get(target, key)) }) as never);
  return wrapped as unknown as T;
}

/** This package's two nodes for the test helper, answering from the en-US catalogs. */
export const configNode = withCatalog(configModule);
export const statisticNode = withCatalog(statisticModule);
