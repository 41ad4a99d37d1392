import { readFileSync } from 'node:fs';
import { createClassifier } from '../src/classifier/index.ts';
const texts = readFileSync('/work/shared/eval/dev.jsonl','utf8').split('\n').filter(Boolean).map(l=>JSON.parse(l).text);
const c = await createClassifier('rules');
for(let i=0;i<600;i++) for(const x of texts) c.classify(x);
