// Builds a tiny sentence-embedding model on disk, laid out as on the Hugging Face hub (config.json, tokenizer.json,
// onnx/model.onnx): a BERT WordPiece tokenizer over a dozen words and an ONNX graph that looks each token up in a
// 4-dimensional table in which words of one topic point the same way. Enough to test the ONNX provider end to end.
import fs from 'node:fs';
import path from 'node:path';

// The few messages of onnx.proto the model needs, written with protobuf's wire format by hand (field numbers from
// onnx/onnx.proto): a dependency on a protobuf library for one test file would outweigh these lines.
type Field = [number, 'varint', number] | [number, 'bytes', Uint8Array] | [number, 'string', string];

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

function message(...fields: Field[]): Uint8Array {
  const bytes: number[] = [];
  for (const [number, kind, value] of fields) {
    if (kind === 'varint') bytes.push(...varint(number * 8), ...varint(value));
    else {
      const data = kind === 'string' ? new TextEncoder().encode(value) : value;
      bytes.push(...varint(number * 8 + 2), ...varint(data.length), ...data);
    }
  }
  return Uint8Array.from(bytes);
}

const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;

const dimension = (d: string | number) => message(typeof d === 'string' ? [2, 'string', d] : [1, 'varint', d]);
const tensorType = (elemType: number, dims: Array<string | number>) =>
  message([1, 'bytes', message([1, 'varint', elemType], [2, 'bytes', message(...dims.map((d): Field => [1, 'bytes', dimension(d)]))])]);
const valueInfo = (name: string, type: Uint8Array) => message([1, 'string', name], [2, 'bytes', type]);

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
  const floats = new Uint8Array(new Float32Array(table).buffer);
  const initializer = message(
    [1, 'varint', vocab.length], [1, 'varint', dim], [2, 'varint', FLOAT], [4, 'bytes', floats], [8, 'string', 'embeddings'],
  );
  const gather = message(
    [1, 'string', 'embeddings'], [1, 'string', 'input_ids'], [2, 'string', 'last_hidden_state'], [4, 'string', 'Gather'],
    [5, 'bytes', message([1, 'string', 'axis'], [3, 'varint', 0], [20, 'varint', ATTRIBUTE_INT])],
  );
  const graph = message(
    [1, 'bytes', gather], [2, 'string', name], [5, 'bytes', initializer],
    [11, 'bytes', valueInfo('input_ids', tensorType(INT64, ['batch', 'sequence']))],
    [11, 'bytes', valueInfo('attention_mask', tensorType(INT64, ['batch', 'sequence']))],
    [12, 'bytes', valueInfo('last_hidden_state', tensorType(FLOAT, ['batch', 'sequence', dim]))],
  );
  const model = message(
    [1, 'varint', 8], [2, 'string', 'paperboard-tests'], [7, 'bytes', graph], [8, 'bytes', message([1, 'string', ''], [2, 'varint', 17])],
  );
  fs.writeFileSync(path.join(dir, 'onnx/model.onnx'), model);
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
