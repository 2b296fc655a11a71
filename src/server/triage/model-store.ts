/**
 * The classifier model of a running app: read once per file and process, then shared by
 * every request (a model is read-only once loaded).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Config } from '../platform/config.ts';
import { parseModel, type Model } from './classifier.ts';

/** The model that ships with Rongthuk (see MODEL.md beside it). */
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('./model.json', import.meta.url));

const loaded = new Map<string, Promise<Model>>();

export function loadModelFile(file: string): Promise<Model> {
  let model = loaded.get(file);
  if (!model) {
    model = readFile(file, 'utf8').then(parseModel);
    // A failed read is not cached: the next call tries again.
    model.catch(() => loaded.delete(file));
    loaded.set(file, model);
  }
  return model;
}

/** The configured model, or undefined when classification is off (`RONGTHUK_TRIAGE_MODEL=off`). */
export async function triageModelOf(config: Pick<Config, 'triageModel'>): Promise<Model | undefined> {
  if (config.triageModel === 'off') return undefined;
  return loadModelFile(config.triageModel ?? DEFAULT_MODEL_PATH);
}
