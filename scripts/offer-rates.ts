/**
 * `npm run eval:offers [-- FILE.jsonl ...]`: how often the bot would speak up unasked in an owners' group, by the
 * gold label of each labelled line (default: every *.jsonl under eval/ and eval/real/). An offer is made when the
 * message is classified as a matter for the office with the core's confidence at or above OFFER_CONFIDENCE
 * (src/core/steps/offer.ts), or when it is not placed at all but calls on the office by name with a question
 * (conversation/calls-on-office.ts: the offer then asks which kind). Wanted: offers on requests, silence on chatter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClassifier } from '../src/classifier/index.ts';
import { classifyWith } from '../src/conversation/classify-fn.ts';
import { callsOnOffice } from '../src/conversation/calls-on-office.ts';
import { OFFER_CONFIDENCE } from '../src/conversation/offer.ts';
import { CONVERSATION_VOCABULARY } from '../src/conversation/vocabulary.ts';
import { projectPath } from '../src/paths.ts';

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['eval', 'eval/real'].flatMap((dir) => readdirSync(projectPath(dir)).filter((n) => n.endsWith('.jsonl')).map((n) => join(projectPath(dir), n)));
const classify = classifyWith(await createClassifier(projectPath('rules')));

function rates(lines: Array<{ text: string; label: string }>) {
  let chatter = 0;
  let chatterOffers = 0;
  let requests = 0;
  let requestOffers = 0;
  for (const { text, label } of lines) {
    const c = classify(text);
    const offered = (c.label !== 'other' && c.confidence >= OFFER_CONFIDENCE) || (c.label === 'other' && callsOnOffice(text, CONVERSATION_VOCABULARY.calls_on_office));
    if (label === 'other') {
      chatter++;
      if (offered) chatterOffers++;
    } else {
      requests++;
      if (offered) requestOffers++;
    }
  }
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
  return `requests offered ${pct(requestOffers, requests).padStart(6)} (${requestOffers}/${requests})   chatter offered ${pct(chatterOffers, chatter).padStart(6)} (${chatterOffers}/${chatter})`;
}

const all: Array<{ text: string; label: string }> = [];
const real: Array<{ text: string; label: string }> = [];
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { text: string; label: string });
  all.push(...lines);
  if (file.includes('/real/')) real.push(...lines);
  console.log(`${file.replace(projectPath(''), '').padEnd(28)} ${rates(lines)}`);
}
console.log(`${'all'.padEnd(28)} ${rates(all)}`);
if (real.length) console.log(`${'eval/real (all)'.padEnd(28)} ${rates(real)}`);
