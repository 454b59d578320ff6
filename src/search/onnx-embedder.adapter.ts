// The Embedder port over a local ONNX sentence-embedding model (@huggingface/transformers), for operators who have
// one: EMBEDDING_MODEL_DIR names its folder (config.json, tokenizer.json, onnx/model.onnx, as the Hugging Face hub
// lays them out). Nothing is downloaded at run time: remote models are switched off. The library and its ONNX
// runtime weigh about 430 MB, so they are an optional peer dependency, loaded only when EMBEDDING_MODEL_DIR is set.
import path from 'node:path';
import type { Embedder } from './embedder.ts';

const BATCH = 32;
const PACKAGE = '@huggingface/transformers';

/** The part of @huggingface/transformers used here, typed locally: the package may be absent when this compiles. */
export interface Transformers {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string };
  pipeline(
    task: 'feature-extraction',
    model: string,
    options: { dtype: 'fp32' },
  ): Promise<(texts: string[], options: { pooling: 'mean'; normalize: boolean }) => Promise<{ dims: number[]; data: Float32Array }>>;
}

/** The operator's way out when the optional package is missing: install it, or use the built-in embedder. */
export const MISSING_TRANSFORMERS =
  `EMBEDDING_MODEL_DIR is set, but ${PACKAGE} is not installed. Install it beside Paperboard ` +
  `(npm install ${PACKAGE}@^4, about 430 MB with its ONNX runtime), or unset EMBEDDING_MODEL_DIR to use the built-in embedder.`;

const isMissingPackage = (error: unknown) =>
  error instanceof Error && (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && error.message.includes(PACKAGE);

/** Loads the optional package; a missing one becomes an error that says what to do. */
export async function loadTransformers(load: () => Promise<Transformers> = () => import(PACKAGE) as Promise<Transformers>): Promise<Transformers> {
  try {
    return await load();
  } catch (error) {
    throw isMissingPackage(error) ? new Error(MISSING_TRANSFORMERS) : error;
  }
}

export async function createOnnxEmbedder(modelDir: string, load?: () => Promise<Transformers>): Promise<Embedder> {
  const { pipeline, env } = await loadTransformers(load);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${path.dirname(path.resolve(modelDir))}${path.sep}`;
  const name = path.basename(path.resolve(modelDir));
  const extract = await pipeline('feature-extraction', name, { dtype: 'fp32' });
  const run = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const output = await extract([...texts], { pooling: 'mean', normalize: true });
    const [rows = 0, dimensions = 0] = output.dims;
    const data = output.data;
    return Array.from({ length: rows }, (_, i) => data.slice(i * dimensions, (i + 1) * dimensions));
  };
  const [probe] = await run(['dimension probe']);
  return {
    name: `onnx:${name}`,
    dimensions: probe?.length ?? 0,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) out.push(...(await run(texts.slice(i, i + BATCH))));
      return out;
    },
  };
}
