// Builds a tiny sentence-embedding model on disk, laid out as on the Hugging Face hub (config.json, tokenizer.json,
// onnx/model.onnx): a BERT WordPiece tokenizer over a dozen words and an ONNX graph that looks each token up in a
// 4-dimensional table in which words of one topic point the same way. Enough to test the ONNX provider end to end.
import fs from 'node:fs';
import path from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto as unknown as { onnx: Record<string, any> };

const topics: Record<string, number> = {
  graph: 0, neural: 0, network: 0, networks: 0, learning: 0,
  protein: 1, proteins: 1, folding: 1, molecule: 1,
  quantum: 2, gravity: 2, galaxy: 2, galaxies: 2, photon: 2,
};

export function writeTinyOnnxModel(parent: string, name = 'tiny-embedder'): string {
  const dir = path.join(parent, name);
  fs.mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', ...Object.keys(topics)];
  const dim = 4;
  const table = vocab.flatMap((word, i) => {
    const topic = topics[word];
    // Special tokens point along the fourth axis; topic words along their topic's, with a little spread.
    return Array.from({ length: dim }, (_, d) => (topic === undefined ? (d === 3 ? 1 : 0) : d === topic ? 1 : 0.05 * Math.sin(i + d)));
  });
  const int64 = onnx.TensorProto.DataType.INT64;
  const shape = (...dims: Array<string | number>) => ({ dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) });
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'paperboard-tests',
    graph: {
      name: name,
      node: [{ opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['last_hidden_state'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] }],
      initializer: [{ name: 'embeddings', dataType: onnx.TensorProto.DataType.FLOAT, dims: [vocab.length, dim], floatData: table }],
      input: [
        { name: 'input_ids', type: { tensorType: { elemType: int64, shape: shape('batch', 'sequence') } } },
        { name: 'attention_mask', type: { tensorType: { elemType: int64, shape: shape('batch', 'sequence') } } },
      ],
      output: [{ name: 'last_hidden_state', type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: shape('batch', 'sequence', dim) } } }],
    },
  });
  fs.writeFileSync(path.join(dir, 'onnx/model.onnx'), onnx.ModelProto.encode(model).finish());
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ model_type: 'bert', hidden_size: dim, vocab_size: vocab.length }));
  fs.writeFileSync(path.join(dir, 'tokenizer_config.json'), JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 128, pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]' }));
  const special = (id: number) => ({ id, content: vocab[id], single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  fs.writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [0, 1, 2, 3].map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((w, i) => [w, i])) },
  }));
  return dir;
}
