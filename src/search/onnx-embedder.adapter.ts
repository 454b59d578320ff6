// The Embedder port over a local ONNX sentence-embedding model (@huggingface/transformers), for operators who have
// one: EMBEDDING_MODEL_DIR names its folder (config.json, tokenizer.json, onnx/model.onnx, as the Hugging Face hub
// lays them out). Nothing is downloaded at run time: remote models are switched off.
import path from 'node:path';
import type { Embedder } from './embedder.ts';

const BATCH = 32;

export async function createOnnxEmbedder(modelDir: string): Promise<Embedder> {
  const { pipeline, env } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = `${path.dirname(path.resolve(modelDir))}${path.sep}`;
  const name = path.basename(path.resolve(modelDir));
  const extract = await pipeline('feature-extraction', name, { dtype: 'fp32' });
  const run = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const output = await extract([...texts], { pooling: 'mean', normalize: true });
    const [rows = 0, dimensions = 0] = output.dims as number[];
    const data = output.data as Float32Array;
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
